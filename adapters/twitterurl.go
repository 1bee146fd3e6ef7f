package adapters

import (
	"sync"
	"unicode"
)

// This file finds URLs the way twitter-text's extractUrlsWithIndices does
// (https://github.com/twitter/twitter-text, Apache License 2.0), so that
// lengths agree with X's: with or without a protocol, domains ending in a
// known top-level domain, paths with balanced parentheses, queries that do
// not end in punctuation. The regular expression there needs lookahead and
// backtracking, so it is written out by hand here, with each step's
// priority kept; positions are code point indexes.

// urlSpan is a URL found in a text: code points [start, end).
type urlSpan struct{ start, end int }

const maxURLLength = 4096 // twitter-text's MAX_URL_LENGTH, in UTF-16 units
const maxTcoSlug = 40

// urlMatch is one match of twitter-text's extractUrl expression.
type urlMatch struct {
	start, end     int  // the URL, protocol included
	protocol       int  // length of "http://" or "https://", or 0
	domain, domEnd int  // the domain, subdomains and top-level domain
	path           bool // a path follows, even if only "/"
	before         rune // the code point before start, or -1 at the start of the text
}

// urlScanner holds one text and the memos that keep matching linear.
type urlScanner struct {
	rs     []rune
	runEnd []int32 // end of the run of domain characters, '_' and '-' starting at i
	best   []int32 // memo of domainFrom, plus 2: 0 unknown, 1 no domain
}

func newURLScanner(rs []rune) *urlScanner {
	u := urlScanners.Get().(*urlScanner)
	u.rs = rs
	n := len(rs) + 1
	if cap(u.runEnd) < n {
		u.runEnd, u.best = make([]int32, n), make([]int32, n)
	} else {
		u.runEnd, u.best = u.runEnd[:n], u.best[:n]
		clear(u.best)
	}
	u.runEnd[len(rs)] = int32(len(rs))
	for i := len(rs) - 1; i >= 0; i-- {
		switch {
		case !isLabelRune(rs[i]):
			u.runEnd[i] = int32(i)
		case i+1 < len(rs) && isLabelRune(rs[i+1]):
			u.runEnd[i] = u.runEnd[i+1]
		default:
			u.runEnd[i] = int32(i + 1)
		}
	}
	return u
}

// urlScanners are the scanners extractURLs is done with, for their memos;
// one for a text longer than maxPooledScan is left to the collector.
var urlScanners = sync.Pool{New: func() any { return new(urlScanner) }}

const maxPooledScan = 1 << 16

// release gives u back to urlScanners; u must not be used after.
func (u *urlScanner) release() {
	u.rs = nil
	if cap(u.runEnd) <= maxPooledScan {
		urlScanners.Put(u)
	}
}

// extractURLs returns the URLs in rs in order. Without withoutProtocol,
// only URLs that start with http:// or https:// count.
func extractURLs(rs []rune, withoutProtocol bool) []urlSpan {
	need := ':'
	if withoutProtocol {
		need = '.'
	}
	found := false
	for _, r := range rs {
		if r == need {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	u := newURLScanner(rs)
	defer u.release()
	var out []urlSpan
	for from := 0; from <= len(rs); {
		m, ok := u.search(from)
		if !ok {
			break
		}
		from = m.end
		if !u.valid(m) {
			continue
		}
		if m.protocol == 0 {
			if !withoutProtocol {
				continue
			}
			if b := m.before; b == '-' || b == '_' || b == '.' || b == '/' {
				continue
			}
			var last *urlSpan
			for _, d := range asciiDomains(rs, m.domain, m.domEnd) {
				span := urlSpan{d[0], d[1]}
				if m.path || specialShortDomain(rs[d[0]:d[1]]) || !invalidShortDomain(rs[d[0]:d[1]]) {
					out = append(out, span)
					last = &out[len(out)-1]
				}
			}
			if last != nil && m.path {
				last.end = m.end
			}
			continue
		}
		end := m.end
		if n, ok := u.tcoSlug(m.start + m.protocol); ok {
			if n > maxTcoSlug {
				continue
			}
			end = m.start + m.protocol + len("t.co/") + n
		}
		out = append(out, urlSpan{m.start, end})
	}
	return out
}

// search finds the leftmost match at or after from. Like the expression,
// it tries each position q first as the character before a URL, then,
// at the very start of the text, as the URL's own start.
func (u *urlScanner) search(from int) (urlMatch, bool) {
	rs := u.rs
	for q := from; q < len(rs); q++ {
		if validURLPreceding(rs[q]) {
			if m, ok := u.matchAt(q + 1); ok {
				m.before = rs[q]
				return m, true
			}
		}
		if q == 0 {
			if m, ok := u.matchAt(0); ok {
				m.before = -1
				return m, true
			}
		}
	}
	return urlMatch{}, false
}

// matchAt matches protocol, domain, port, path and query at s.
func (u *urlScanner) matchAt(s int) (urlMatch, bool) {
	rs := u.rs
	m := urlMatch{start: s}
	switch {
	case hasFoldPrefix(rs[s:], "https://"):
		m.protocol = 8
	case hasFoldPrefix(rs[s:], "http://"):
		m.protocol = 7
	}
	// Without a protocol the domain would have to start with "http:",
	// which no domain does, so a failed domain is a failed match.
	m.domain = s + m.protocol
	m.domEnd = u.domainFrom(m.domain)
	if m.domEnd < 0 {
		return m, false
	}
	p := m.domEnd
	if p+1 < len(rs) && rs[p] == ':' && isDigit(rs[p+1]) {
		p += 2
		for p < len(rs) && isDigit(rs[p]) {
			p++
		}
	}
	if p < len(rs) && rs[p] == '/' {
		m.path = true
		p = u.pathEnd(p + 1)
	}
	if p < len(rs) && rs[p] == '?' {
		if q := queryEnd(rs, p+1); q > 0 {
			p = q
		}
	}
	m.end = p
	return m, true
}

// domainFrom matches subdomain* domainName TLD at p and returns the end of
// the domain, or -1. The greedy subdomains mean the rightmost label that
// can be the domain name with a top-level domain after it wins. The answer
// depends only on p, so it is kept.
func (u *urlScanner) domainFrom(p int) int {
	if p >= len(u.rs) {
		return -1
	}
	if v := u.best[p]; v != 0 {
		return int(v) - 2
	}
	// Walk the chain of labels that end in '.', then settle it from the
	// right, where the rightmost answer is found first.
	var chain []int
	res := -1
	q := p
	for {
		if q != p && q < len(u.rs) && u.best[q] != 0 {
			res = int(u.best[q]) - 2
			break
		}
		e := u.labelEnd(q)
		if e < 0 {
			break
		}
		chain = append(chain, q)
		q = e + 1
	}
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		e := u.labelEnd(c)
		if res < 0 && !u.hasUnderscore(c, e) {
			if t := tldLength(u.rs, e+1, len(u.rs)); t > 0 {
				res = e + 1 + t
			}
		}
		u.best[c] = int32(res + 2)
	}
	if len(chain) == 0 {
		u.best[p] = 1
		return -1
	}
	return res
}

// labelEnd returns the index of the '.' that ends a valid subdomain label
// starting at p (domain characters, with '_' and '-' inside only), or -1.
func (u *urlScanner) labelEnd(p int) int {
	rs := u.rs
	if p >= len(rs) {
		return -1
	}
	e := int(u.runEnd[p])
	if e == p || e >= len(rs) || rs[e] != '.' || !isDomainRune(rs[p]) || !isDomainRune(rs[e-1]) {
		return -1
	}
	return e
}

func (u *urlScanner) hasUnderscore(p, e int) bool {
	for _, r := range u.rs[p:e] {
		if r == '_' {
			return true
		}
	}
	return false
}

// pathEnd returns the end of the longest run of path characters and
// balanced parentheses after p that ends in a path-ending character or a
// closing parenthesis, so that "/foo." leaves the period out.
func (u *urlScanner) pathEnd(p int) int {
	rs := u.rs
	best := p
	for i := p; i < len(rs); {
		r := rs[i]
		if r == '(' {
			e := balancedParens(rs, i)
			if e < 0 {
				break
			}
			i, best = e, e
			continue
		}
		if !isPathRune(r) {
			break
		}
		i++
		if isPathEndRune(r) {
			best = i
		}
	}
	return best
}

// balancedParens matches "(x)" or "(x(y)z)" at i and returns its end, or -1.
func balancedParens(rs []rune, i int) int {
	run := func(j int) int {
		for j < len(rs) && isPathRune(rs[j]) {
			j++
		}
		return j
	}
	j := run(i + 1)
	if j > i+1 && j < len(rs) && rs[j] == ')' {
		return j + 1
	}
	if j < len(rs) && rs[j] == '(' {
		k := run(j + 1)
		if k > j+1 && k < len(rs) && rs[k] == ')' {
			l := run(k + 1)
			if l < len(rs) && rs[l] == ')' {
				return l + 1
			}
		}
	}
	return -1
}

// queryEnd returns the end of the query characters after p, cut back to
// the last one a query may end with, or -1 when there is none.
func queryEnd(rs []rune, p int) int {
	best := -1
	for i := p; i < len(rs) && isQueryRune(rs[i]); i++ {
		if isQueryEndRune(rs[i]) {
			best = i + 1
		}
	}
	return best
}

// tcoSlug reports the length of the slug when the URL's host is t.co and
// a path follows.
func (u *urlScanner) tcoSlug(host int) (int, bool) {
	rs := u.rs
	if !hasFoldPrefix(rs[host:], "t.co/") {
		return 0, false
	}
	j := host + len("t.co/")
	k := j
	for k < len(rs) && rs[k] < 0x80 && (isDigit(rs[k]) || isASCIILetter(rs[k])) {
		k++
	}
	if k == j {
		return 0, false
	}
	return k - j, true
}

// valid is twitter-text's isValidUrl: each label of the domain fits DNS
// once punycoded, an "xn--" domain holds an ASCII domain, and the URL is
// not absurdly long.
func (u *urlScanner) valid(m urlMatch) bool {
	dom := u.rs[m.domain:m.domEnd]
	if len(dom) >= 4 && string(dom[:4]) == "xn--" && len(asciiDomains(dom, 0, len(dom))) == 0 {
		return false
	}
	start := 0
	for i := 0; i <= len(dom); i++ {
		if i == len(dom) || dom[i] == '.' {
			if n := punycodeLabelLength(dom[start:i]); n < 1 || n > 63 {
				return false
			}
			start = i + 1
		}
	}
	protocol := m.protocol
	if protocol == 0 {
		protocol = len("https://")
	}
	n := 0
	for _, r := range u.rs[m.start:m.end] {
		n += utf16Len(r)
	}
	return protocol+n <= maxURLLength
}

// asciiDomains finds twitter-text's validAsciiDomain matches in rs[a:b]:
// labels of ASCII letters, digits, '-' and Latin accented letters, then a
// known top-level domain. It returns [start, end) pairs.
func asciiDomains(rs []rune, a, b int) [][2]int {
	var out [][2]int
	for i := a; i < b; {
		if !isASCIILabelRune(rs[i]) {
			i++
			continue
		}
		// The chain of labels that end in '.'; the greedy expression
		// takes the last label after which a top-level domain matches.
		end, firstRun := -1, -1
		for j := i; j < b && isASCIILabelRune(rs[j]); {
			e := j
			for e < b && isASCIILabelRune(rs[e]) {
				e++
			}
			if firstRun < 0 {
				firstRun = e
			}
			if e >= b || rs[e] != '.' {
				break
			}
			if t := tldLength(rs, e+1, b); t > 0 {
				end = e + 1 + t
			}
			j = e + 1
		}
		if end < 0 {
			i = firstRun + 1
			continue
		}
		out = append(out, [2]int{i, end})
		i = end
	}
	return out
}

// invalidShortDomain reports a bare "name.cc" domain, which without a path
// or protocol is not taken as a URL.
func invalidShortDomain(d []rune) bool {
	label, rest, ok := splitShortDomain(d)
	if !ok {
		return false
	}
	_, cc := countryTLDs().rank[foldTLD(rest)]
	return cc && validNameLabel(label)
}

// specialShortDomain reports the "name.co" and "name.tv" domains that count
// as URLs even bare.
func specialShortDomain(d []rune) bool {
	label, rest, ok := splitShortDomain(d)
	if !ok {
		return false
	}
	t := foldTLD(rest)
	return (t == "co" || t == "tv") && validNameLabel(label)
}

func splitShortDomain(d []rune) (label, rest []rune, ok bool) {
	for i, r := range d {
		if r == '.' {
			return d[:i], d[i+1:], true
		}
	}
	return nil, nil, false
}

func validNameLabel(l []rune) bool {
	if len(l) == 0 || !isDomainRune(l[0]) || !isDomainRune(l[len(l)-1]) {
		return false
	}
	for _, r := range l {
		if !isDomainRune(r) && r != '-' {
			return false
		}
	}
	return true
}

// tldLength matches a top-level domain at p, generic ones first, then
// country codes, then punycode, each followed by a character that cannot
// continue a domain; limit is the end of the text for that lookahead.
func tldLength(rs []rune, p, limit int) int {
	if n := genericTLDs().match(rs, p, limit); n > 0 {
		return n
	}
	if n := countryTLDs().match(rs, p, limit); n > 0 {
		return n
	}
	if p+4 < limit && foldASCII(rs[p]) == 'x' && foldASCII(rs[p+1]) == 'n' && rs[p+2] == '-' && rs[p+3] == '-' && isPunycodeRune(rs[p+4]) {
		j := p + 5
		for j < limit && isPunycodeRune(rs[j]) {
			j++
		}
		return j - p
	}
	return 0
}

// match returns the length of the first-ranked entry of s that starts at
// p and is followed by a boundary, or 0.
func (s tldSet) match(rs []rune, p, limit int) int {
	var key [64]byte
	buf := key[:0]
	best, bestRank := 0, -1
	for n := 1; n <= s.maxLen && p+n <= limit; n++ {
		r := rs[p+n-1]
		if r < 0x80 {
			buf = append(buf, byte(foldASCII(r)))
		} else {
			buf = appendRune(buf, unicode.ToLower(r))
		}
		if rank, ok := s.rank[string(buf)]; ok && tldBoundary(rs, p+n, limit) && (bestRank < 0 || rank < bestRank) {
			best, bestRank = n, rank
		}
	}
	return best
}

func appendRune(b []byte, r rune) []byte { return append(b, string(r)...) }

func foldTLD(rs []rune) string {
	b := make([]byte, 0, len(rs))
	for _, r := range rs {
		if r < 0x80 {
			b = append(b, byte(foldASCII(r)))
		} else {
			b = appendRune(b, unicode.ToLower(r))
		}
	}
	return string(b)
}

// tldBoundary is the lookahead (?=[^0-9a-zA-Z@+-]|$).
func tldBoundary(rs []rune, q, limit int) bool {
	if q >= limit {
		return true
	}
	r := rs[q]
	return !(isDigit(r) || isASCIILetter(r) || r == '@' || r == '+' || r == '-')
}

func hasFoldPrefix(rs []rune, prefix string) bool {
	if len(rs) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if foldASCII(rs[i]) != rune(prefix[i]) {
			return false
		}
	}
	return true
}

func foldASCII(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

func isDigit(r rune) bool       { return r >= '0' && r <= '9' }
func isASCIILetter(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }

// validURLPreceding is the character class a URL may follow.
func validURLPreceding(r rune) bool {
	switch {
	case isDigit(r), isASCIILetter(r):
		return false
	}
	switch r {
	case '@', '＠', '$', '#', '＃', 0xFFFE, 0xFEFF, 0xFFFF:
		return false
	}
	return true
}

// isDomainRune is twitter-text's validDomainChars: anything but ASCII
// punctuation, spaces, invalid characters and directional marks.
func isDomainRune(r rune) bool {
	if r < 0x80 {
		switch {
		case r <= 0x20:
			return r < 0x09 || (r > 0x0D && r < 0x20)
		case isDigit(r), isASCIILetter(r):
			return true
		}
		switch r {
		case '"', '`', 0x7F:
			return true
		}
		return false // the punctuation !'#%&()*+,\-./:;<=>?@[]^_{|}~$
	}
	switch {
	case r == 0x85, r == 0xA0, r == 0x1680, r == 0x180E, r >= 0x2000 && r <= 0x200A,
		r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x3000: // spaces
		return false
	case r == 0xFFFE, r == 0xFEFF, r == 0xFFFF: // invalid
		return false
	case r >= 0x202A && r <= 0x202E, r == 0x061C, r == 0x200E, r == 0x200F, r >= 0x2066 && r <= 0x2069: // directional
		return false
	}
	return true
}

func isLabelRune(r rune) bool { return isDomainRune(r) || r == '_' || r == '-' }

// isLatinAccent is twitter-text's latinAccentChars.
func isLatinAccent(r rune) bool {
	switch {
	case r >= 0xC0 && r <= 0xD6, r >= 0xD8 && r <= 0xF6, r >= 0xF8 && r <= 0x24F,
		r == 0x253, r == 0x254, r == 0x256, r == 0x257, r == 0x259, r == 0x25B, r == 0x263,
		r == 0x268, r == 0x26F, r == 0x272, r == 0x289, r == 0x28B, r == 0x2BB,
		r >= 0x300 && r <= 0x36F, r >= 0x1E00 && r <= 0x1EFF:
		return true
	}
	return false
}

func isCyrillic(r rune) bool { return r >= 0x400 && r <= 0x4FF }

func isASCIILabelRune(r rune) bool {
	return isDigit(r) || isASCIILetter(r) || r == '-' || isLatinAccent(r)
}

func isPunycodeRune(r rune) bool { return isDigit(r) || isASCIILetter(r) || r == '-' }

// isPathRune is validGeneralUrlPathChars.
func isPathRune(r rune) bool {
	if isDigit(r) || isASCIILetter(r) || isCyrillic(r) || isLatinAccent(r) || r == 0x2013 {
		return true
	}
	switch r {
	case '!', '*', '\'', ';', ':', '=', '+', ',', '.', '$', '/', '%', '#', '[', ']', '-', '_', '~', '@', '|', '&':
		return true
	}
	return false
}

// isPathEndRune is validUrlPathEndingChars, less the parentheses.
func isPathEndRune(r rune) bool {
	if isDigit(r) || isASCIILetter(r) || isCyrillic(r) || isLatinAccent(r) {
		return true
	}
	switch r {
	case '+', '-', '=', '_', '#', '/':
		return true
	}
	return false
}

// isQueryRune is validUrlQueryChars.
func isQueryRune(r rune) bool {
	if isDigit(r) || isASCIILetter(r) {
		return true
	}
	switch r {
	case '!', '?', '*', '\'', '@', '(', ')', ';', ':', '&', '=', '+', '$', '/', '%', '#', '[', ']', '-', '_', '.', ',', '~', '|':
		return true
	}
	return false
}

// isQueryEndRune is validUrlQueryEndingChars.
func isQueryEndRune(r rune) bool {
	if isDigit(r) || isASCIILetter(r) {
		return true
	}
	switch r {
	case '-', '_', '&', '=', '#', '/':
		return true
	}
	return false
}
