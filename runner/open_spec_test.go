package runner

import "niah/provider"

// openSpec parses spec and opens its client as a run does.
func openSpec(spec string, opts provider.Options) (provider.Client, error) {
	s, err := provider.ParseSpec(spec)
	if err != nil {
		return nil, err
	}
	return provider.Open(s, opts)
}
