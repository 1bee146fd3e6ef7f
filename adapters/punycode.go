package adapters

// punycodeLabelLength returns the length of a domain label once converted
// to ASCII (RFC 3492 punycode with the "xn--" prefix) the way punycode.js's
// toASCII does it, which twitter-text uses to reject labels longer than 63.
// Like toASCII it also splits on the ideographic full stops. It returns -1
// when the encoding overflows.
func punycodeLabelLength(label []rune) int {
	total, start := 0, 0
	for i := 0; i <= len(label); i++ {
		if i < len(label) && !isFullStop(label[i]) {
			continue
		}
		part := label[start:i]
		n := len(part)
		if !isBasicASCII(part) {
			n = punycodeLength(part)
			if n < 0 {
				return -1
			}
			n += len("xn--")
		}
		if start > 0 {
			total++ // the separator
		}
		total += n
		start = i + 1
	}
	return total
}

func isFullStop(r rune) bool { return r == '.' || r == 0x3002 || r == 0xFF0E || r == 0xFF61 }

func isBasicASCII(rs []rune) bool {
	for _, r := range rs {
		if r > 0x7E {
			return false
		}
	}
	return true
}

// Bootstring parameters for punycode (RFC 3492 section 5).
const (
	pcBase        = 36
	pcTMin        = 1
	pcTMax        = 26
	pcSkew        = 38
	pcDamp        = 700
	pcInitialBias = 72
	pcInitialN    = 128
	pcMaxInt      = 1<<31 - 1
)

// punycodeLength is the length of the RFC 3492 encoding of input.
func punycodeLength(input []rune) int {
	out, basic := 0, 0
	for _, r := range input {
		if r < 0x80 {
			basic++
		}
	}
	out = basic
	if basic > 0 {
		out++ // the delimiter
	}
	n, delta, bias, handled := rune(pcInitialN), 0, pcInitialBias, basic
	for handled < len(input) {
		m := rune(pcMaxInt)
		for _, r := range input {
			if r >= n && r < m {
				m = r
			}
		}
		if int(m-n) > (pcMaxInt-delta)/(handled+1) {
			return -1
		}
		delta += int(m-n) * (handled + 1)
		n = m
		for _, r := range input {
			if r < n {
				delta++
				if delta > pcMaxInt {
					return -1
				}
			}
			if r == n {
				q := delta
				for k := pcBase; ; k += pcBase {
					t := k - bias
					if t < pcTMin {
						t = pcTMin
					} else if t > pcTMax {
						t = pcTMax
					}
					if q < t {
						break
					}
					out++
					q = (q - t) / (pcBase - t)
				}
				out++
				bias = punycodeAdapt(delta, handled+1, handled == basic)
				delta = 0
				handled++
			}
		}
		delta++
		n++
	}
	return out
}

func punycodeAdapt(delta, points int, first bool) int {
	if first {
		delta /= pcDamp
	} else {
		delta /= 2
	}
	delta += delta / points
	k := 0
	for delta > ((pcBase-pcTMin)*pcTMax)/2 {
		delta /= pcBase - pcTMin
		k += pcBase
	}
	return k + (pcBase-pcTMin+1)*delta/(delta+pcSkew)
}
