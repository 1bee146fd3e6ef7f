package signage

import (
	"strings"
	"testing"

	"rsc.io/qr/coding"
)

// TestMaskedFromOneEncoding checks the shortcut QR takes: for every mask,
// the symbol derived from mask 0's encoding is the one Plan.Encode gives.
func TestMaskedFromOneEncoding(t *testing.T) {
	for _, n := range []int{1, 30, 90, 200, 600} {
		text := coding.String("https://acme.example/" + strings.Repeat("x9-", n))
		v := coding.Version(coding.MinVersion)
		for text.Bits(v) > v.DataBytes(coding.M)*8 {
			v++
		}
		lay := layoutFor(v)
		c0, err := lay.plans[0].Encode(text)
		if err != nil {
			t.Fatal(err)
		}
		size := c0.Size
		for m, p := range lay.plans {
			c, err := p.Encode(text)
			if err != nil {
				t.Fatal(err)
			}
			for y := 0; y < size; y++ {
				for x := 0; x < size; x++ {
					own := func(k int) bool { return lay.own[k][y*size+x] == 1 }
					if got := c0.Black(x, y) != own(0) != own(m); got != c.Black(x, y) {
						t.Fatalf("version %d mask %d: module (%d,%d) derived %v, encoded %v", v, m, x, y, got, c.Black(x, y))
					}
				}
			}
		}
	}
}
