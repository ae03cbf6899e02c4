//go:build race

package haystack

const raceEnabled = true
