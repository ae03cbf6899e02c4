package runner

import (
	"niah/provider"
	"niah/sim"
)

// OpenClient opens the client of a parsed model spec: the simulation
// in-process (package sim), any other kind through its provider row.
func OpenClient(spec provider.Spec, opts provider.Options) (provider.Client, error) {
	if spec.Provider == provider.KindSim {
		return sim.Open(spec)
	}
	return provider.Open(spec, opts)
}
