package render

import (
	"image/color"
	"math"
)

// Colour stops. The classic needle-in-a-haystack ramp (red, amber, green)
// so published pictures look like the ones readers know, and a diverging
// red-white-blue ramp for differences.
var (
	classicStops = []color.RGBA{hex(0xF0496E), hex(0xEBB839), hex(0x0CD79F)}
	divergeStops = []color.RGBA{hex(0xC2185B), hex(0xF5F5F5), hex(0x1565C0)}

	colInvalid  = hex(0xC9C9C9) // no valid trial
	colHatch    = hex(0x7A7A7A)
	colNotRun   = hex(0xFFFFFF)
	colGridLine = hex(0xE6E6E6)
	colInk      = hex(0x1F1F1F)
	colSoftInk  = hex(0x5A5A5A)
	colAlarm    = hex(0xC62828) // SIMULATION
	colMarker   = hex(0x263238) // claimed-context line
)

func hex(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xFF}
}

// ramp interpolates evenly spaced stops in sRGB (as matplotlib's
// LinearSegmentedColormap does), t in [0, 1].
func ramp(stops []color.RGBA, t float64) color.RGBA {
	if math.IsNaN(t) {
		return colInvalid
	}
	t = math.Max(0, math.Min(1, t))
	pos := t * float64(len(stops)-1)
	i := int(pos)
	if i >= len(stops)-1 {
		return stops[len(stops)-1]
	}
	f := pos - float64(i)
	a, b := stops[i], stops[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*f)) }
	return color.RGBA{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: 0xFF}
}

// accuracyColor is the heatmap colour of an accuracy in [0, 1].
func accuracyColor(acc float64) color.RGBA { return ramp(classicStops, acc) }

// diffColor is the colour of a difference in [-1, 1] (B − A).
func diffColor(d float64) color.RGBA { return ramp(divergeStops, (d+1)/2) }

// luminance is WCAG relative luminance.
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// inkOn picks dark or white text, whichever contrasts more with bg.
func inkOn(bg color.RGBA) color.RGBA {
	l := luminance(bg)
	dark := (l + 0.05) / (luminance(colInk) + 0.05)
	light := 1.05 / (l + 0.05)
	if dark >= light {
		return colInk
	}
	return hex(0xFFFFFF)
}
