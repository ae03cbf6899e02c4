// Package units reads and writes prompt lengths the way people say them:
// 4k, 128K, 1m (K = 1,024 tokens, M = 1,048,576).
package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// FormatLength writes token counts the way the axis shows them: exact
// multiples of 1,048,576 as M, of 1,024 as K, anything else as the number.
func FormatLength(n int) string {
	switch {
	case n > 0 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + "M"
	case n > 0 && n%1024 == 0:
		return strconv.Itoa(n>>10) + "K"
	}
	return strconv.Itoa(n)
}

// FormatCount writes a count with its thousands grouped: 2310 as 2,310.
func FormatCount(n int) string {
	if n < 0 {
		return "-" + FormatCount(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ParseLength reads 131072, 128k, 128K or 1m (K = 1,024, M = 1,048,576).
func ParseLength(s string) (int, error) {
	t := strings.TrimSpace(strings.ToLower(s))
	mult := 1
	switch {
	case strings.HasSuffix(t, "k"):
		mult, t = 1<<10, t[:len(t)-1]
	case strings.HasSuffix(t, "m"):
		mult, t = 1<<20, t[:len(t)-1]
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 || n > math.MaxInt/mult {
		return 0, fmt.Errorf("%q is not a token count (use e.g. 131072, 128k or 1m)", s)
	}
	return n * mult, nil
}
