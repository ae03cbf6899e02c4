package main

import (
	"context"
	"fmt"
	"time"

	"niah/provider"
)

// connect makes the client of a model spec (the simulation or a server)
// and asks its server what it is, failing in one line naming the server
// when it does not answer.
func connect(ctx context.Context, spec string, opts provider.Options) (provider.Client, provider.ServerInfo, error) {
	var (
		client provider.Client
		err    error
	)
	if provider.IsSim(spec) {
		client, err = provider.NewSim(spec)
	} else {
		var s provider.Spec
		if s, err = provider.ParseSpec(spec); err == nil {
			client, err = provider.New(s, opts)
		}
	}
	if err != nil {
		return nil, provider.ServerInfo{}, err
	}
	ictx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	info, err := client.Info(ictx)
	if err != nil {
		return nil, provider.ServerInfo{}, fmt.Errorf("%s: %v", client.Spec(), err)
	}
	return client, info, nil
}
