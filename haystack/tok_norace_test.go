//go:build !race

package haystack

const raceEnabled = false
