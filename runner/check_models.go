package runner

import "niah/provider"

// CheckModels checks what the plan's models need that no server has to
// tell: each spec parses and its client opens (a hosted API's key is set,
// a simulation's window reads), and the request a trial sends can be
// built with the plan's options and answer budget (a pinned field, a
// thinking budget over max tokens). It sends nothing. Errors are
// *SettingError: model for a spec, option for a request.
func CheckModels(p Plan) error {
	p, err := p.withDefaults()
	if err != nil {
		return err
	}
	if _, err := p.labels(); err != nil {
		return err
	}
	opts := p.clientOptions()
	for _, m := range p.Models {
		c, err := OpenClient(m.spec, opts)
		if err != nil {
			return badSetting("model", err)
		}
		if err := provider.CheckRequest(c, provider.Request{MaxTokens: p.MaxTokens, Options: p.Options}); err != nil {
			return badSetting("option", err)
		}
	}
	return nil
}
