package adapters

import (
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/chorus-dev/chorus/content"
)

// Mention is a fact a text states. Offset and Len are in bytes of the text.
type Mention struct {
	Kind string // "price", "percent", "code" or "date"
	// Value is normalised: a price or percentage as a plain decimal
	// without trailing zeros ("79.99", "499", "20"), a code as written
	// ("SPRING20"), a date as ISO 8601 ("2026-04-30", or "--04-30" when
	// the text gives no year and none can be inferred).
	Value    string
	Currency string // ISO 4217 for a price, "" when the text leaves it open
	Offset   int
	Len      int
}

// Mention kinds.
const (
	KindPrice   = "price"
	KindPercent = "percent"
	KindCode    = "code"
	KindDate    = "date"
)

// Mismatch is a fact a text states that disagrees with the item's facts.
type Mismatch struct {
	Kind   string // as Mention.Kind
	Stated string // the text as written, "$69.99"
	Want   string // what the item says, "79.99 USD or 99.99 USD", or "none"
	Offset int    // byte offset in the text
}

// Number shapes: grouped thousands ("1,299.00", "1.299,00", "1 299,00"
// with a no-break space) or plain ("79.99", "79,99", "499").
const (
	numberPattern = `(?:\d{1,3}(?:[,.\x{00A0}\x{202F}]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)`
	gap           = `[ \x{00A0}\x{202F}]?`
	// isoCodes are the codes read as currencies next to a number. The
	// list leaves out codes that are also English words in capitals
	// (ALL, TOP, CUP, TRY), which would turn "ALL 50% off" into money.
	isoCodes = `USD EUR|GBP CNY RMB JPY CAD AUD NZD HKD SGD TWD CHF SEK NOK DKK ISK PLN CZK HUF RON BGN ` +
		`INR KRW BRL MXN ARS CLP COP ZAR RUB UAH ILS AED SAR QAR THB VND PHP IDR MYR EGP NGN KES`
	enMonthPattern = `January|February|March|April|May|June|July|August|September|October|November|December|` +
		`Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec`
	elMonthPattern = `Ιανουαρίου|Φεβρουαρίου|Μαρτίου|Απριλίου|Μαΐου|Μαίου|Ιουνίου|Ιουλίου|Αυγούστου|Σεπτεμβρίου|Οκτωβρίου|Νοεμβρίου|Δεκεμβρίου|` +
		`Ιανουάριος|Φεβρουάριος|Μάρτιος|Απρίλιος|Μάιος|Ιούνιος|Ιούλιος|Αύγουστος|Σεπτέμβριος|Οκτώβριος|Νοέμβριος|Δεκέμβριος`
)

// The regular expressions ScanFactsAt reads facts with. Each is compiled
// the first time a text needs it rather than when the program starts: a
// text needs only those its characters call for.
var (
	numberAfterRE = lazyRegexp(`^` + gap + `(` + numberPattern + `)`)
	wholeNumberRE = lazyRegexp(`^` + numberPattern + `$`)
	moneySuffixRE = lazyRegexp(`(` + numberPattern + `)` + gap + `(€|\$|¥|￥|元|块|円|₩|₽|zł|kr|Kč|Ft)`)
	percentRE     = lazyRegexp(`(` + numberPattern + `)` + gap + `(?:%|％|(?i:percent|per cent)\b)`)
	zheRE         = lazyRegexp(`(\d(?:\.\d)?|\d\d)` + gap + `折`) // "8折": pay 80%, 20% off
	isoDateRE     = lazyRegexp(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	cjkDateRE     = lazyRegexp(`(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日号號일]`)
	enMonthDayRE  = lazyRegexp(`\b(` + enMonthPattern + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`)
	enDayMonthRE  = lazyRegexp(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + enMonthPattern + `)\b\.?(?:,?\s+(\d{4})\b)?`)
	elDateRE      = lazyRegexp(`(\d{1,2})\s+(` + elMonthPattern + `)(?:\s+(\d{4}))?`)
)

// lazyRegexp returns a function that compiles pattern on its first call
// and gives every call the same *regexp.Regexp. A pattern that does not
// compile panics, as regexp.MustCompile does, on every call.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

// ScanFacts finds the prices, percentages, promo codes and dates a text
// states, in the forms FormatPrice and FormatDate write for English,
// Chinese and Greek and the forms writers commonly use: "$79.99",
// "US$79.99", "USD 79.99", "79,99 €", "€79.99", "¥499", "499元";
// "20%", "20 %", "20％", "20 percent", "8折"; all-capital tokens of 4 to 32
// characters with a digit ("SPRING20"), or any token after "code",
// "代码" or "κωδικό" that has a digit or is all capitals; ISO dates,
// "April 30, 2026", "30 April", "2026年4月30日", "30 Απριλίου 2026". Text
// inside URLs is skipped. Dates without a year get "--MM-DD"; see
// ScanFactsAt. Mentions come in text order.
func ScanFacts(text, locale string) []Mention { return ScanFactsAt(text, locale, time.Time{}) }

// ScanFactsAt is ScanFacts with a reference time: a date stated without a
// year gets the year, of ref's and the two around it, that puts it closest
// to ref. A zero ref leaves such dates as "--MM-DD".
func ScanFactsAt(text, locale string, ref time.Time) []Mention {
	tag := parseLocale(locale)
	var cands []candidate
	add := func(prio int, m Mention) { cands = append(cands, candidate{prio, m}) }

	// Regular expressions run only where the characters they need occur.
	has := scanNeeds(text)
	digits := has.digits
	find := func(re func() *regexp.Regexp, need bool) [][]int {
		if !digits || !need {
			return nil
		}
		return re().FindAllStringSubmatchIndex(text, -1)
	}
	symbols := has.symbols
	englishMonth := false
	for _, m := range monthAbbrevs {
		if strings.Contains(text, m) {
			englishMonth = true
			break
		}
	}

	// Dates first: their digits are neither prices nor codes.
	for _, m := range find(isoDateRE, has.digitHyphen) {
		if v, ok := dateValue(atoi(text, m, 1), atoi(text, m, 2), atoi(text, m, 3), ref); ok {
			add(0, Mention{Kind: KindDate, Value: v, Offset: m[0], Len: m[1] - m[0]})
		}
	}
	for _, m := range find(cjkDateRE, has.cjkMonth) {
		if v, ok := dateValue(atoi(text, m, 1), atoi(text, m, 2), atoi(text, m, 3), ref); ok && !digitBefore(text, m[0]) {
			add(0, Mention{Kind: KindDate, Value: v, Offset: m[0], Len: m[1] - m[0]})
		}
	}
	for _, m := range findFrom(enMonthDayRE, text, firstMonth(text), digits && englishMonth && monthThenDay(text)) {
		if v, ok := dateValue(atoi(text, m, 3), monthNumber(text[m[2]:m[3]]), atoi(text, m, 2), ref); ok {
			add(0, Mention{Kind: KindDate, Value: v, Offset: m[0], Len: m[1] - m[0]})
		}
	}
	for _, m := range find(enDayMonthRE, englishMonth) {
		if v, ok := dateValue(atoi(text, m, 3), monthNumber(text[m[4]:m[5]]), atoi(text, m, 1), ref); ok {
			add(0, Mention{Kind: KindDate, Value: v, Offset: m[0], Len: m[1] - m[0]})
		}
	}
	for _, m := range find(elDateRE, has.greekMonth && greekMonthAfterDay(text)) {
		if v, ok := dateValue(atoi(text, m, 3), monthNumber(text[m[4]:m[5]]), atoi(text, m, 1), ref); ok && !digitBefore(text, m[0]) {
			add(0, Mention{Kind: KindDate, Value: v, Offset: m[0], Len: m[1] - m[0]})
		}
	}

	// Money: a symbol or code before the number, or after it.
	addPrice := func(start, end int, num, sym string) {
		if v, ok := numberValue(num); ok {
			add(1, Mention{Kind: KindPrice, Value: v, Currency: symbolCurrency(sym, tag), Offset: start, Len: end - start})
		}
	}
	if digits {
		for _, sm := range prefixSymbols(text) {
			if m := numberAfterRE().FindStringSubmatchIndex(text[sm[1]:]); m != nil && !digitAfter(text, sm[1]+m[1]) {
				addPrice(sm[0], sm[1]+m[1], text[sm[1]+m[2]:sm[1]+m[3]], text[sm[0]:sm[1]])
			}
		}
		for tk := nextToken(text, 0); tk[0] < tk[1]; tk = nextToken(text, tk[1]) {
			code := text[tk[0]:tk[1]]
			if !isoCurrencies[code] {
				continue
			}
			if m := numberAfterRE().FindStringSubmatchIndex(text[tk[1]:]); m != nil && !digitAfter(text, tk[1]+m[1]) {
				addPrice(tk[0], tk[1]+m[1], text[tk[1]+m[2]:tk[1]+m[3]], code)
			}
			if start, num := numberBefore(text, tk[0]); num != "" {
				addPrice(start, tk[1], num, code)
			}
		}
	}
	for _, m := range find(moneySuffixRE, (symbols || strings.Contains(text, "zł") || strings.Contains(text, "kr") || strings.Contains(text, "Kč") || strings.Contains(text, "Ft")) && suffixAfterDigit(text)) {
		if !digitBefore(text, m[0]) && !letterAfter(text, m[1]) {
			addPrice(m[0], m[1], text[m[2]:m[3]], text[m[4]:m[5]])
		}
	}

	// Percentages.
	for _, m := range find(percentRE, has.percent || indexFoldASCII(text, "percent") >= 0 || indexFoldASCII(text, "per cent") >= 0) {
		if digitBefore(text, m[0]) {
			continue
		}
		if v, ok := numberValue(text[m[2]:m[3]]); ok {
			add(2, Mention{Kind: KindPercent, Value: v, Offset: m[0], Len: m[1] - m[0]})
		}
	}
	for _, m := range find(zheRE, has.zhe) {
		if digitBefore(text, m[0]) {
			continue
		}
		if v, ok := zheValue(text[m[2]:m[3]]); ok {
			add(2, Mention{Kind: KindPercent, Value: v, Offset: m[0], Len: m[1] - m[0]})
		}
	}

	// Codes: named ones, then capitals with a digit anywhere.
	named := map[int]bool{}
	for _, k := range codeKeywordEnds(text) {
		i := skipCodeGap(text, k)
		if alnumBefore(text, i) {
			continue
		}
		if end := tokenEnd(text, i); end > i {
			tok := text[i:end]
			if len(tok) >= 3 && len(tok) <= 32 && (isCapitals(tok) || hasDigitAndLetter(tok)) {
				named[i] = true
				add(3, Mention{Kind: KindCode, Value: tok, Offset: i, Len: len(tok)})
			}
		}
	}
	for m := nextToken(text, 0); m[0] < m[1]; m = nextToken(text, m[1]) {
		tok := text[m[0]:m[1]]
		if named[m[0]] || len(tok) < 4 || len(tok) > 32 || !isCapitals(tok) || !hasDigitAndLetter(tok) {
			continue
		}
		add(3, Mention{Kind: KindCode, Value: tok, Offset: m[0], Len: len(tok)})
	}

	if len(cands) == 0 {
		return nil
	}
	return resolveMentions(cands, urlByteSpans(text))
}

// needs are the characters in a text that the fact regular expressions
// depend on.
type needs struct {
	digits      bool // an ASCII digit
	digitHyphen bool // a digit, '-', a digit: an ISO date's shape
	symbols     bool // a currency symbol that may follow a number
	cjkMonth    bool // 月 or 월
	greekMonth  bool // a capital that starts a Greek month name
	percent     bool // % or ％
	zhe         bool // 折
}

// scanNeeds reads text once for the characters ScanFactsAt's regular
// expressions need.
func scanNeeds(text string) needs {
	var n needs
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= '0' && c <= '9':
				n.digits = true
			case c == '-':
				n.digitHyphen = n.digitHyphen || (i > 0 && isDigit(rune(text[i-1])) && i+1 < len(text) && isDigit(rune(text[i+1])))
			case c == '$':
				n.symbols = true
			case c == '%':
				n.percent = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '€', '£', '¥', '￥', '₹', '₩', '₽', '₺', '₪', '฿', '₫', '₱', '元', '块', '円':
			n.symbols = true
		case '月', '월':
			n.cjkMonth = true
		case 'Ι', 'Φ', 'Μ', 'Α', 'Σ', 'Ο', 'Ν', 'Δ':
			n.greekMonth = true
		case '％':
			n.percent = true
		case '折':
			n.zhe = true
		}
		i += size - 1
	}
	return n
}

// suffixSymbols are the currency signs moneySuffixRE reads after a
// number.
var suffixSymbols = []string{"€", "$", "¥", "￥", "元", "块", "円", "₩", "₽", "zł", "kr", "Kč", "Ft"}

// suffixAfterDigit reports whether a digit is followed by a currency sign
// of suffixSymbols, with at most one space between, as every match of
// moneySuffixRE is: its number ends in a digit.
func suffixAfterDigit(text string) bool {
	for i := 0; i < len(text); i++ {
		if !isDigit(rune(text[i])) {
			continue
		}
		rest := text[i+1:]
		for _, sp := range []string{" ", "\u00a0", "\u202f"} {
			if strings.HasPrefix(rest, sp) {
				rest = rest[len(sp):]
				break
			}
		}
		for _, sym := range suffixSymbols {
			if strings.HasPrefix(rest, sym) {
				return true
			}
		}
	}
	return false
}

// firstMonth is where enMonthDayRE may start to look in text: at the
// word that holds the first month abbreviation, since every match starts
// with one after a word boundary.
func firstMonth(text string) int {
	first := len(text)
	for _, m := range monthAbbrevs {
		if i := strings.Index(text[:first], m); i >= 0 {
			first = i
		}
	}
	for first > 0 && isWordByte(text[first-1]) {
		first--
	}
	return first
}

// findFrom is re().FindAllStringSubmatchIndex(text, -1) for a pattern that
// starts with \b and cannot match before from, which must not be inside
// a word: it reads text from there on.
func findFrom(re func() *regexp.Regexp, text string, from int, need bool) [][]int {
	if !need {
		return nil
	}
	ms := re().FindAllStringSubmatchIndex(text[from:], -1)
	for _, m := range ms {
		for i := range m {
			if m[i] >= 0 {
				m[i] += from
			}
		}
	}
	return ms
}

// isWordByte is the \w class of Go regular expressions, which \b
// reads.
func isWordByte(c byte) bool { return isASCIIAlnum(c) || c == '_' }

// monthAbbrevs start every English month name enMonthDayRE reads.
var monthAbbrevs = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// monthThenDay reports whether a month name (an abbreviation and more
// letters) is followed by an optional '.', white space and a digit, as
// every match of enMonthDayRE is.
func monthThenDay(text string) bool {
	for _, m := range monthAbbrevs {
		for from := 0; ; {
			i := strings.Index(text[from:], m)
			if i < 0 {
				break
			}
			k := from + i + len(m)
			from = k
			for k < len(text) && isASCIILetter(rune(text[k])) {
				k++
			}
			if k < len(text) && text[k] == '.' {
				k++
			}
			spaces := k
			for k < len(text) && isRESpace(text[k]) {
				k++
			}
			if k > spaces && k < len(text) && isDigit(rune(text[k])) {
				return true
			}
		}
	}
	return false
}

// greekMonthAfterDay reports whether a digit is followed by white space
// and a capital that starts a Greek month name, as in every match of
// elDateRE.
func greekMonthAfterDay(text string) bool {
	for i := 0; i < len(text); i++ {
		if !isDigit(rune(text[i])) {
			continue
		}
		k := i + 1
		for k < len(text) && isRESpace(text[k]) {
			k++
		}
		if k == i+1 || k == len(text) {
			continue
		}
		switch r, _ := utf8.DecodeRuneInString(text[k:]); r {
		case 'Ι', 'Φ', 'Μ', 'Α', 'Σ', 'Ο', 'Ν', 'Δ':
			return true
		}
	}
	return false
}

// isRESpace is the \s class of Go regular expressions.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

var isoCurrencies = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(isoCodes) {
		m[c] = true
	}
	return m
}()

// symbolPrefixes are the letters that make "$" and "¥" a particular
// dollar or yen.
var symbolPrefixes = map[string][]string{
	"$": {"US", "CA", "AU", "NZ", "HK", "NT", "MX", "C", "A", "S", "R"},
	"¥": {"CN", "JP"},
}

// prefixSymbols returns the byte spans of the currency symbols in text
// that may stand before a number: "$", "US$", "€", "CHF", ...
func prefixSymbols(text string) [][2]int {
	var out [][2]int
	for i, r := range text {
		switch r {
		case '$', '€', '£', '¥', '￥', '₹', '₩', '₽', '₺', '₪', '฿', '₫', '₱':
			start := i
			for _, p := range symbolPrefixes[string(r)] {
				if strings.HasSuffix(text[:i], p) && !alnumBefore(text, i-len(p)) {
					start = i - len(p)
					break
				}
			}
			out = append(out, [2]int{start, i + len(string(r))})
		case 'C':
			if strings.HasPrefix(text[i:], "CHF") && !alnumBefore(text, i) && !letterAfter(text, i+3) {
				out = append(out, [2]int{i, i + 3})
			}
		}
	}
	return out
}

// numberBefore finds a number ending at a currency code that starts at
// end, with at most one space between: "79.99 USD".
func numberBefore(text string, end int) (int, string) {
	j := end
	for _, sp := range []string{" ", "\u00a0", "\u202f"} {
		if strings.HasSuffix(text[:j], sp) {
			j -= len(sp)
			break
		}
	}
	k := j
	for k > 0 && (isDigit(rune(text[k-1])) || text[k-1] == '.' || text[k-1] == ',') {
		k--
	}
	for k < j && !isDigit(rune(text[k])) {
		k++
	}
	if k == j || digitBefore(text, k) || !wholeNumberRE().MatchString(text[k:j]) {
		return 0, ""
	}
	return k, text[k:j]
}

// nextToken returns the byte span of the first ASCII word of text at or
// after i: letters and digits, with '_' and '-' allowed inside. The span
// is empty when there is none.
func nextToken(text string, i int) [2]int {
	for i < len(text) && !isASCIIAlnum(text[i]) {
		i++
	}
	if i == len(text) {
		return [2]int{i, i}
	}
	return [2]int{i, tokenEnd(text, i)}
}

// tokenEnd returns the end of the ASCII word starting at i, or i.
func tokenEnd(text string, i int) int {
	end := i
	for j := i; j < len(text) && (isASCIIAlnum(text[j]) || text[j] == '_' || text[j] == '-'); j++ {
		if isASCIIAlnum(text[j]) {
			end = j + 1
		}
	}
	return end
}

func isASCIIAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// codeKeywords name a promo code in the languages Chorus scans; the
// ASCII ones match in any case and as whole words, the Greek one with any
// ending ("κωδικό", "κωδικός").
var codeKeywords = []string{"code", "coupon", "κωδικ", "Κωδικ", "ΚΩΔΙΚ", "代码", "代碼", "优惠码", "優惠碼", "折扣码", "兑换码", "コード"}

// codeKeywordEnds returns the byte offsets just after each code keyword.
func codeKeywordEnds(text string) []int {
	var out []int
	for _, k := range codeKeywords {
		ascii := k[0] < 0x80
		for from := 0; from < len(text); {
			var i int
			if ascii {
				i = indexFoldASCII(text[from:], k)
			} else {
				i = strings.Index(text[from:], k)
			}
			if i < 0 {
				break
			}
			i += from
			end := i + len(k)
			from = end
			switch {
			case ascii:
				if alnumBefore(text, i) || letterAfter(text, end) {
					continue
				}
			case strings.HasPrefix(k, "κ") || strings.HasPrefix(k, "Κ"):
				for end < len(text) {
					r, n := firstRune(text[end:])
					if !unicode.IsLetter(r) {
						break
					}
					end += n
				}
			}
			out = append(out, end)
		}
	}
	sort.Ints(out)
	return out
}

// indexFoldASCII is strings.Index ignoring ASCII case; sub is lower case.
func indexFoldASCII(s, sub string) int {
	if sub == "" {
		return 0
	}
	lo, up := sub[0], sub[0]
	if lo >= 'a' && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	nextLo, nextUp := -1, -1 // the next lo and up at or after i; -2 when none
	for i := 0; i+len(sub) <= len(s); i++ {
		if nextLo != -2 && nextLo < i {
			nextLo = indexByteFrom(s, i, lo)
		}
		if nextUp != -2 && nextUp < i {
			nextUp = indexByteFrom(s, i, up)
		}
		switch {
		case nextLo == -2 && nextUp == -2:
			return -1
		case nextUp == -2 || nextLo != -2 && nextLo < nextUp:
			i = nextLo
		default:
			i = nextUp
		}
		if i+len(sub) > len(s) {
			return -1
		}
		if equalFoldASCII(s[i+1:i+len(sub)], sub[1:]) {
			return i
		}
	}
	return -1
}

// indexByteFrom is the index of the first c in s at or after from, or -2.
func indexByteFrom(s string, from int, c byte) int {
	if j := strings.IndexByte(s[from:], c); j >= 0 {
		return from + j
	}
	return -2
}

// equalFoldASCII reports whether s is sub (lower case) ignoring ASCII case.
func equalFoldASCII(s, sub string) bool {
	for j := 0; j < len(sub); j++ {
		c := s[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != sub[j] {
			return false
		}
	}
	return true
}

type candidate struct {
	prio int
	m    Mention
}

// resolveMentions keeps, of overlapping candidates, the one of highest
// priority (then the earliest, then the longest), drops those inside URLs,
// and sorts the rest by offset.
func resolveMentions(cands []candidate, urls [][2]int) []Mention {
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.prio != b.prio {
			return a.prio < b.prio
		}
		if a.m.Offset != b.m.Offset {
			return a.m.Offset < b.m.Offset
		}
		return a.m.Len > b.m.Len
	})
	taken := append([][2]int(nil), urls...)
	var out []Mention
	for _, c := range cands {
		a, b := c.m.Offset, c.m.Offset+c.m.Len
		clash := false
		for _, t := range taken {
			if a < t[1] && t[0] < b {
				clash = true
				break
			}
		}
		if !clash {
			taken = append(taken, [2]int{a, b})
			out = append(out, c.m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return out
}

// urlByteSpans returns the byte ranges of the URLs in text.
func urlByteSpans(text string) [][2]int {
	if strings.IndexByte(text, '.') < 0 {
		return nil // extractURLs finds none without a dot
	}
	buf := spanBuffers.Get().(*spanBuffer)
	defer buf.release()
	rs, offsets := buf.rs[:0], buf.offsets[:0]
	for i, r := range text {
		rs = append(rs, r)
		offsets = append(offsets, i)
	}
	offsets = append(offsets, len(text))
	buf.rs, buf.offsets = rs, offsets
	spans := extractURLs(rs, true)
	if len(spans) == 0 {
		return nil
	}
	out := make([][2]int, len(spans))
	for i, u := range spans {
		out[i] = [2]int{offsets[u.start], offsets[u.end]}
	}
	return out
}

// spanBuffer holds a text's code points and their byte offsets.
type spanBuffer struct {
	rs      []rune
	offsets []int
}

var spanBuffers = sync.Pool{New: func() any { return new(spanBuffer) }}

// release gives b back to spanBuffers, unless a long text grew it.
func (b *spanBuffer) release() {
	if cap(b.rs) <= maxPooledScan {
		spanBuffers.Put(b)
	}
}

var (
	noBreakSpaces = strings.NewReplacer("\u00a0", "", "\u202f", "")
	separators    = strings.NewReplacer(",", "", ".", "")
)

// numberValue normalises a number as written: a separator followed by
// exactly three digits groups thousands, any other is the decimal point;
// no-break spaces always group. Trailing fractional zeros go.
func numberValue(s string) (string, bool) {
	s = noBreakSpaces.Replace(s)
	dec := strings.LastIndexAny(s, ".,")
	whole, frac := s, ""
	if dec >= 0 && len(s)-dec-1 != 3 {
		whole, frac = s[:dec], s[dec+1:]
	}
	whole = separators.Replace(whole)
	return normDecimal(whole + "." + frac)
}

// normDecimal writes a non-negative decimal without leading zeros, trailing
// fractional zeros or a bare point: "079.90" -> "79.9", "499.00" -> "499".
func normDecimal(s string) (string, bool) {
	s = strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" {
		return "", false
	}
	for _, p := range []string{whole, frac} {
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return "", false
			}
		}
	}
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		return whole, true
	}
	return whole + "." + frac, true
}

// zheValue turns a Chinese discount "8折" or "85折" (pay 80%, 85%) into the
// percentage off.
func zheValue(s string) (string, bool) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return "", false
	}
	if !strings.Contains(s, ".") && len(s) == 2 {
		r.Quo(r, big.NewRat(10, 1)) // "85" is 8.5
	}
	if r.Sign() <= 0 || r.Cmp(big.NewRat(10, 1)) >= 0 {
		return "", false
	}
	off := new(big.Rat).Sub(big.NewRat(100, 1), new(big.Rat).Mul(r, big.NewRat(10, 1)))
	return normDecimal(off.FloatString(2))
}

// symbolCurrency names the currency a symbol or code stands for in tag's
// locale: "$" is the locale's own dollar when it has one (CAD for en-CA),
// else USD; "¥" is CNY in Chinese and JPY in Japanese, and open elsewhere.
func symbolCurrency(sym string, tag language.Tag) string {
	switch sym {
	case "US$":
		return "USD"
	case "CA$", "C$":
		return "CAD"
	case "AU$", "A$":
		return "AUD"
	case "NZ$":
		return "NZD"
	case "HK$":
		return "HKD"
	case "S$":
		return "SGD"
	case "NT$":
		return "TWD"
	case "MX$":
		return "MXN"
	case "R$":
		return "BRL"
	case "CN¥", "元", "块", "RMB":
		return "CNY"
	case "JP¥", "円":
		return "JPY"
	case "€":
		return "EUR"
	case "£":
		return "GBP"
	case "₹":
		return "INR"
	case "₩":
		return "KRW"
	case "₽":
		return "RUB"
	case "₺":
		return "TRY"
	case "₪":
		return "ILS"
	case "฿":
		return "THB"
	case "₫":
		return "VND"
	case "₱":
		return "PHP"
	case "zł":
		return "PLN"
	case "Kč":
		return "CZK"
	case "Ft":
		return "HUF"
	case "$", "¥", "￥", "kr":
		if c := localCurrency(tag, sym); c != "" {
			return c
		}
		switch sym {
		case "$":
			return "USD"
		case "¥", "￥":
			switch base, _ := tag.Base(); base.String() {
			case "zh":
				return "CNY"
			case "ja":
				return "JPY"
			}
		}
		return ""
	}
	if _, err := currency.ParseISO(sym); err == nil && len(sym) == 3 {
		return sym
	}
	return ""
}

// localCurrency is the currency of tag's region when its symbol in that
// locale is sym (or its full-width or half-width twin).
func localCurrency(tag language.Tag, sym string) string {
	region, conf := tag.Region()
	if conf == language.No {
		return ""
	}
	unit, ok := currency.FromRegion(region)
	if !ok {
		return ""
	}
	local := strings.TrimSpace(message.NewPrinter(tag).Sprint(currency.NarrowSymbol(unit)))
	if local == sym || (strings.ContainsAny(local, "¥￥") && strings.ContainsAny(sym, "¥￥")) {
		return unit.String()
	}
	return ""
}

var monthNumbers = func() map[string]int {
	m := map[string]int{}
	for i, names := range [][]string{
		{"january", "jan", "ιανουαρίου", "ιανουάριος"},
		{"february", "feb", "φεβρουαρίου", "φεβρουάριος"},
		{"march", "mar", "μαρτίου", "μάρτιος"},
		{"april", "apr", "απριλίου", "απρίλιος"},
		{"may", "μαΐου", "μαίου", "μάιος"},
		{"june", "jun", "ιουνίου", "ιούνιος"},
		{"july", "jul", "ιουλίου", "ιούλιος"},
		{"august", "aug", "αυγούστου", "αύγουστος"},
		{"september", "sep", "sept", "σεπτεμβρίου", "σεπτέμβριος"},
		{"october", "oct", "οκτωβρίου", "οκτώβριος"},
		{"november", "nov", "νοεμβρίου", "νοέμβριος"},
		{"december", "dec", "δεκεμβρίου", "δεκέμβριος"},
	} {
		for _, n := range names {
			m[n] = i + 1
		}
	}
	return m
}()

func monthNumber(name string) int { return monthNumbers[strings.ToLower(name)] }

// atoi reads submatch i of m, or 0 when it did not take part.
func atoi(text string, m []int, i int) int {
	if 2*i+1 >= len(m) || m[2*i] < 0 {
		return 0
	}
	n, err := strconv.Atoi(text[m[2*i]:m[2*i+1]])
	if err != nil {
		return 0
	}
	return n
}

// dateValue checks a date and writes it as ISO 8601. year 0 means the text
// gave none: ref decides, or the value is "--MM-DD".
func dateValue(year, month, day int, ref time.Time) (string, bool) {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return "", false
	}
	check := year
	if check == 0 {
		check = 2000 // a leap year, so "February 29" stands
	}
	if time.Date(check, time.Month(month), day, 0, 0, 0, 0, time.UTC).Day() != day {
		return "", false
	}
	if year == 0 && !ref.IsZero() {
		best := time.Duration(1<<63 - 1)
		for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
			t := time.Date(y, time.Month(month), day, 12, 0, 0, 0, time.UTC)
			if t.Day() != day {
				continue
			}
			d := t.Sub(ref)
			if d < 0 {
				d = -d
			}
			if d < best {
				best, year = d, y
			}
		}
	}
	if year == 0 {
		return "--" + pad2(month) + "-" + pad2(day), true
	}
	return strconv.Itoa(year) + "-" + pad2(month) + "-" + pad2(day), true
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func digitBefore(text string, i int) bool {
	return i > 0 && (isDigit(rune(text[i-1])) || ((text[i-1] == '.' || text[i-1] == ',') && i > 1 && isDigit(rune(text[i-2]))))
}

func digitAfter(text string, i int) bool { return i < len(text) && isDigit(rune(text[i])) }

func letterAfter(text string, i int) bool { return i < len(text) && isASCIILetter(rune(text[i])) }

func alnumBefore(text string, i int) bool {
	return i > 0 && (isDigit(rune(text[i-1])) || isASCIILetter(rune(text[i-1])))
}

// skipCodeGap skips what may sit between "code" and the code itself:
// spaces, a colon, an opening quote.
func skipCodeGap(text string, i int) int {
	for i < len(text) {
		switch {
		case strings.HasPrefix(text[i:], "："), strings.HasPrefix(text[i:], "「"), strings.HasPrefix(text[i:], "“"),
			strings.HasPrefix(text[i:], "«"), strings.HasPrefix(text[i:], "\u00a0"):
			_, n := firstRune(text[i:])
			i += n
		case text[i] == ' ' || text[i] == ':' || text[i] == '"' || text[i] == '\'' || text[i] == '\t':
			i++
		default:
			return i
		}
	}
	return i
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

func isCapitals(s string) bool {
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			return false
		case c >= 'A' && c <= 'Z':
			letter = true
		}
	}
	return letter
}

func hasDigitAndLetter(s string) bool {
	d, l := false, false
	for i := 0; i < len(s); i++ {
		d = d || isDigit(rune(s[i]))
		l = l || isASCIILetter(rune(s[i]))
	}
	return d && l
}

// CheckFacts compares the facts text states with the item's and returns
// each one that disagrees, in text order:
//
//   - a price that is neither the price, the former price (was) nor the
//     saving between them, or in another currency;
//   - a percentage other than the discount from was to price, rounded
//     half up or down (a writer may say 20% for 20.5%); 100% is never
//     read as a discount ("100% recycled");
//   - a promo code other than the item's, compared exactly;
//   - a date other than the day the offer ends, the event starts or
//     ends, or the item is published (a sale "from March 20"). Facts
//     are instants in UTC; a writer states the local date, so every
//     calendar date the instant falls on somewhere (UTC-12 to UTC+14) is
//     accepted.
//
// A fact stated where the item has none is a mismatch with Want "none";
// the publish date is accepted but is no date fact, so an item with no
// end or start date wants "none". Dates without a year take theirs from
// the item's end, start or publish date. What the text leaves out is not
// reported here.
func CheckFacts(want content.Facts, text, locale string) []Mismatch {
	ends, starts, publish := parseStamp(want.Ends), parseStamp(want.Starts), parseStamp(want.Publish)
	ref := ends
	if ref.IsZero() {
		ref = starts
	}
	if ref.IsZero() {
		ref = publish
	}
	mentions := ScanFactsAt(text, locale, ref)
	if len(mentions) == 0 {
		return nil
	}

	// What the item accepts, worked out for the kinds the text states.
	var prices, percents, dates map[string]bool
	var priceWant, percentWant, dateWant string
	var out []Mismatch
	bad := func(m Mention, wantText string) {
		out = append(out, Mismatch{Kind: m.Kind, Stated: text[m.Offset : m.Offset+m.Len], Want: wantText, Offset: m.Offset})
	}
	for _, m := range mentions {
		switch m.Kind {
		case KindPrice:
			if prices == nil {
				prices, priceWant = acceptedPrices(want)
			}
			if !prices[m.Value] || (m.Currency != "" && want.Currency != "" && !strings.EqualFold(m.Currency, want.Currency)) {
				bad(m, priceWant)
			}
		case KindPercent:
			if m.Value == "100" {
				continue
			}
			if percents == nil {
				percents, percentWant = acceptedPercents(want)
			}
			if !percents[m.Value] {
				bad(m, percentWant)
			}
		case KindCode:
			if m.Value != want.Code {
				bad(m, orNone(want.Code))
			}
		case KindDate:
			if dates == nil {
				dates, dateWant = acceptedDates(ends, starts, publish)
				if ends.IsZero() && starts.IsZero() {
					dateWant = "none"
				}
			}
			if !dates[m.Value] {
				bad(m, dateWant)
			}
		}
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func parseStamp(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// acceptedPrices are the normalised amounts a text may state.
func acceptedPrices(f content.Facts) (map[string]bool, string) {
	ok := map[string]bool{}
	var shown []string
	add := func(v string) {
		if n, valid := normDecimal(v); valid && !ok[n] {
			ok[n] = true
			shown = append(shown, strings.TrimSpace(n+" "+f.Currency))
		}
	}
	add(f.Price)
	add(f.Was)
	price, p := new(big.Rat).SetString(f.Price)
	was, w := new(big.Rat).SetString(f.Was)
	if p && w && was.Cmp(price) > 0 {
		add(new(big.Rat).Sub(was, price).FloatString(decimals(f.Price, f.Was)))
	}
	if len(shown) == 0 {
		return ok, "none"
	}
	return ok, strings.Join(shown, " or ")
}

func decimals(a, b string) int {
	n := 0
	for _, s := range []string{a, b} {
		if _, frac, found := strings.Cut(s, "."); found && len(frac) > n {
			n = len(frac)
		}
	}
	return n
}

// acceptedPercents are the discount from was to price, rounded half up and
// down.
func acceptedPercents(f content.Facts) (map[string]bool, string) {
	ok := map[string]bool{}
	price, p := new(big.Rat).SetString(f.Price)
	was, w := new(big.Rat).SetString(f.Was)
	if !p || !w || was.Sign() <= 0 || was.Cmp(price) <= 0 {
		return ok, "none"
	}
	pct := new(big.Rat).Mul(new(big.Rat).Quo(new(big.Rat).Sub(was, price), was), big.NewRat(100, 1))
	half := new(big.Rat).Add(pct, big.NewRat(1, 2))
	floor := new(big.Int).Quo(pct.Num(), pct.Denom())
	round := new(big.Int).Quo(half.Num(), half.Denom())
	ok[floor.String()] = true
	ok[round.String()] = true
	if floor.Cmp(round) == 0 {
		return ok, round.String() + "%"
	}
	return ok, round.String() + "% or " + floor.String() + "%"
}

// acceptedDates are the calendar dates, "YYYY-MM-DD", on which the end or
// start instant falls in some time zone from UTC-12 to UTC+14: every date
// from the instant's date at UTC-12 to its date at UTC+14.
func acceptedDates(instants ...time.Time) (map[string]bool, string) {
	ok := map[string]bool{}
	var shown []string
	for _, t := range instants {
		if t.IsZero() {
			continue
		}
		t = t.UTC()
		shown = append(shown, isoDate(t))
		first, last := t.Add(-12*time.Hour), t.Add(14*time.Hour)
		y, m, d := first.Date()
		for day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); !day.After(last); day = day.AddDate(0, 0, 1) {
			ok[isoDate(day)] = true
		}
	}
	if len(shown) == 0 {
		return ok, "none"
	}
	return ok, strings.Join(shown, " or ")
}

// isoDate writes t's date as "2006-01-02", as time.Format does.
func isoDate(t time.Time) string {
	var b [10]byte
	return string(t.AppendFormat(b[:0], "2006-01-02"))
}
