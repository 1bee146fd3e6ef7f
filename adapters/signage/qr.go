package signage

import (
	"sync"

	"rsc.io/qr/coding"
)

// quietZone is the light border, in modules, that a QR code needs around
// it to be found by a scanner.
const quietZone = 4

// QR returns the QR code the screen draws for link: medium error
// correction (15%), byte mode, the smallest version that holds the link,
// the data mask of ISO/IEC 18004 §7.8.3 (lowest penalty, the lower
// mask number on a tie), and the quiet zone included. It returns nil when
// link is empty or too long for a QR code.
func QR(link string) [][]bool {
	if link == "" {
		return nil
	}
	text := coding.String(link)
	v := coding.Version(coding.MinVersion)
	for ; text.Bits(v) > v.DataBytes(coding.M)*8; v++ {
		if v == coding.MaxVersion {
			return nil
		}
	}
	lay := layoutFor(v)
	c, err := lay.plans[0].Encode(text)
	if err != nil {
		return nil
	}
	// The masks differ only in the modules they invert and in the format
	// bits, so one encoding gives the data modules and each mask's own
	// modules give its symbol: symbol m = code 0 ^ own 0 ^ own m.
	n := c.Size
	data := make([]byte, 3*n*n)
	grid, cols := data[n*n:2*n*n], data[2*n*n:]
	for y := 0; y < n; y++ {
		line := c.Bitmap[y*c.Stride:]
		for x := 0; x < n; x++ {
			data[y*n+x] = line[x>>3]>>(7-x&7)&1 ^ lay.own[0][y*n+x]
		}
	}
	best, bestScore := 0, 0
	for m := range lay.own {
		for i, d := range data[:n*n] {
			grid[i] = d ^ lay.own[m][i]
		}
		if score := penalty(grid, cols, n); m == 0 || score < bestScore {
			best, bestScore = m, score
		}
	}
	size := n + 2*quietZone
	cells := make([]bool, size*size)
	bm := make([][]bool, size)
	for y := range bm {
		bm[y] = cells[y*size : (y+1)*size]
	}
	for y := 0; y < n; y++ {
		row := bm[y+quietZone][quietZone:]
		for x := 0; x < n; x++ {
			row[x] = data[y*n+x]^lay.own[best][y*n+x] == 1
		}
	}
	return bm
}

// qrCacheMax bounds the drawings qrDrawing remembers; past it the cache
// starts over.
const qrCacheMax = 4096

// qrCache remembers the drawing of recently drawn links: the
// translations of an item share its link, and a rebuild draws the same
// links again.
var qrCache struct {
	sync.Mutex
	m map[string]qrEntry
}

type qrEntry struct {
	modules int
	path    string
}

// qrDrawing returns the QR code of link as an SVG path (qrPath) and its
// size in modules, or "" and 0 when link has none.
func qrDrawing(link string) (modules int, path string) {
	qrCache.Lock()
	e, ok := qrCache.m[link]
	qrCache.Unlock()
	if ok {
		return e.modules, e.path
	}
	if bm := QR(link); bm != nil {
		e = qrEntry{len(bm), qrPath(bm)}
	}
	qrCache.Lock()
	if qrCache.m == nil || len(qrCache.m) >= qrCacheMax {
		qrCache.m = make(map[string]qrEntry)
	}
	qrCache.m[link] = e
	qrCache.Unlock()
	return e.modules, e.path
}

// layout is what a version's symbols share at level M, per mask: the
// plan, and the modules that are dark with no data (finder, timing and
// alignment patterns, format and version bits, and the mask's inverted
// data modules), one byte a module, row by row. Each is built once and
// shared; Plan.Encode only reads its plan.
type layout struct {
	plans [8]*coding.Plan
	own   [8][]byte
}

var layouts [coding.MaxVersion + 1]struct {
	once sync.Once
	l    layout
}

func layoutFor(v coding.Version) *layout {
	e := &layouts[v]
	e.once.Do(func() {
		for m := range e.l.plans {
			p, err := coding.NewPlan(v, coding.M, coding.Mask(m))
			if err != nil {
				panic("signage: QR plan: " + err.Error())
			}
			n := len(p.Pixel)
			own := make([]byte, n*n)
			for y, row := range p.Pixel {
				for x, pix := range row {
					if pix&coding.Black != 0 {
						own[y*n+x] = 1
					}
				}
			}
			e.l.plans[m], e.l.own[m] = p, own
		}
	})
	return &e.l
}

// penalty scores a masked symbol by the four rules of ISO/IEC 18004
// §7.8.3: runs of five or more modules of one colour in a row or column
// (N1 = 3, plus one per module past five), 2×2 blocks of one colour
// (N2 = 3), finder-like 1:1:3:1:1 patterns with four light modules on one
// side (N3 = 40), and the dark share's distance from half (N4 = 10 per
// 5%). rows is the symbol, one byte (0 or 1) a module, row by row; cols
// is scratch of the same size.
func penalty(rows, cols []byte, n int) int {
	count := 0
	for y := 0; y < n; y++ {
		for x, d := range rows[y*n : (y+1)*n] {
			cols[x*n+y] = d
			count += int(d)
		}
	}
	score := 0
	for i := 0; i < n; i++ {
		score += linePenalty(rows[i*n : (i+1)*n])
		score += linePenalty(cols[i*n : (i+1)*n])
	}
	// N2: 2×2 blocks.
	for y := 0; y+1 < n; y++ {
		top, bottom := rows[y*n:(y+1)*n], rows[(y+1)*n:(y+2)*n]
		for x := 0; x+1 < n; x++ {
			if d := top[x]; top[x+1] == d && bottom[x] == d && bottom[x+1] == d {
				score += 3
			}
		}
	}
	// N4: balance, 10 points per full 5% away from 50%.
	total := n * n
	dev := count*20 - total*10
	if dev < 0 {
		dev = -dev
	}
	return score + dev/total*10
}

// linePenalty scores one row or column by rules N1 (runs) and N3
// (1011101 with 0000 before or after it).
func linePenalty(line []byte) int {
	score, run := 0, 1
	var bits uint16
	for x, d := range line {
		if x > 0 {
			if d == line[x-1] {
				run++
			} else {
				if run >= 5 {
					score += run - 2
				}
				run = 1
			}
		}
		bits = (bits<<1 | uint16(d)) & 0x7FF
		if x >= 10 && (bits == 0x05D || bits == 0x5D0) {
			score += 40
		}
	}
	if run >= 5 {
		score += run - 2
	}
	return score
}
