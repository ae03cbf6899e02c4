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
	client, err := provider.Open(spec, opts)
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
