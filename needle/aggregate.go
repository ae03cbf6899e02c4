package needle

import "fmt"

// aggregateOrSetByName reads cwe, fwe and ruler[:qa=FILE].
func aggregateOrSetByName(name, base, spec string, hasSpec bool) (Task, error) {
	switch base {
	case "cwe":
		if hasSpec {
			return nil, fmt.Errorf("%q: cwe takes nothing after its name (RULER's defaults: 10 words 30 times, the rest 3 times)", name)
		}
		return cweTask{}, nil
	case "fwe":
		if hasSpec {
			return nil, fmt.Errorf("%q: fwe takes nothing after its name (RULER's defaults: Zipf α 2.0, the 3 most frequent)", name)
		}
		return fweTask{}, nil
	}
	return rulerByName(name, spec, hasSpec)
}
