package units

import "testing"

func TestFormatAndParseLength(t *testing.T) {
	for n, want := range map[int]string{4096: "4K", 131072: "128K", 1048576: "1M", 1000: "1000", 3072: "3K", 1536: "1536", 2097152: "2M"} {
		if got := FormatLength(n); got != want {
			t.Errorf("FormatLength(%d) = %q, want %q", n, got, want)
		}
	}
	for s, want := range map[string]int{"128k": 131072, "1M": 1048576, "131072": 131072} {
		if got, err := ParseLength(s); err != nil || got != want {
			t.Errorf("ParseLength(%q) = %d, %v", s, got, err)
		}
	}
	// A count that overflows int once multiplied must not wrap round to a
	// negative (--expect-context would then pass every run) or a wrong length.
	for _, s := range []string{"lots", "-4k", "9999999999999m", "9007199254740993k"} {
		if n, err := ParseLength(s); err == nil {
			t.Errorf("ParseLength(%q) = %d, want an error", s, n)
		}
	}
}

func TestFormatCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 2310: "2,310", 18370560: "18,370,560", -1234567: "-1,234,567"} {
		if got := FormatCount(n); got != want {
			t.Errorf("FormatCount(%d) = %q, want %q", n, got, want)
		}
	}
}
