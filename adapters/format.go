package adapters

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// parseLocale reads a BCP 47 locale; an empty or unreadable one is English.
func parseLocale(locale string) language.Tag {
	if tag, ok := localeTags.get(locale); ok {
		return tag
	}
	tag := language.English
	if t, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(locale), "_", "-")); err == nil && t != language.Und {
		tag = t
	}
	localeTags.put(locale, tag)
	return tag
}

// localeTags remembers parseLocale's answers: a workspace has a handful
// of locales, and every fitted, formatted and scanned text reads one.
var localeTags = memo[language.Tag]{max: 256}

// memo remembers the answers of a pure function by a string key. Past max
// keys it starts over, so that odd input cannot grow it without bound.
type memo[V any] struct {
	mu  sync.RWMutex
	m   map[string]V
	max int
}

func (c *memo[V]) get(key string) (V, bool) {
	c.mu.RLock()
	v, ok := c.m[key]
	c.mu.RUnlock()
	return v, ok
}

func (c *memo[V]) put(key string, v V) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.max {
		c.m = make(map[string]V)
	}
	c.m[key] = v
	c.mu.Unlock()
}

// FormatPrice formats a decimal amount in an ISO 4217 currency for a
// locale: "$79.99" (en-US USD), "￥499.00" (zh-CN CNY), "79,99 €" (el-GR
// EUR), "US$79.99" (en-GB USD).
//
// The symbol, the digits, the grouping and decimal separators and the
// currency's number of decimals come from CLDR through golang.org/x/text.
// x/text has no currency patterns, so whether the symbol goes before or
// after the number is the small rule in currencyPattern; the space there
// is a plain one, so the text stays GSM-7 for SMS. The amount is rounded
// half away from zero in decimal, never through a float. An amount that is
// not a plain decimal ("79.99", "-5", "1200.5") or too long for int64 is
// returned as "79.99 USD"-style text rather than guessed at.
func FormatPrice(locale, amount, currencyCode string) string {
	key := locale + "\x00" + amount + "\x00" + currencyCode
	if s, ok := prices.get(key); ok {
		return s
	}
	s := formatPrice(locale, amount, currencyCode)
	prices.put(key, s)
	return s
}

// prices remembers FormatPrice's answers: every channel of an item, and
// the fact check after them, formats the item's price again, and the
// printer x/text builds for it costs far more than a lookup.
var prices = memo[string]{max: 4096}

func formatPrice(locale, amount, currencyCode string) string {
	tag := parseLocale(locale)
	code := strings.ToUpper(strings.TrimSpace(currencyCode))
	amount = strings.TrimSpace(amount)
	sym, scale := code, 2
	if unit, err := currency.ParseISO(code); err == nil {
		sym = message.NewPrinter(tag).Sprint(currency.Symbol(unit))
		scale, _ = currency.Standard.Rounding(unit)
	}
	num, neg, ok := formatDecimal(tag, amount, scale)
	if !ok {
		return strings.TrimSpace(amount + " " + code)
	}
	sign := ""
	if neg {
		sign = "-"
	}
	suffix, space := currencyPattern(tag)
	// CLDR's currency spacing: a symbol that meets the number with a
	// letter ("CHF", "XYZ") is set apart by a space.
	edge, _ := utf8.DecodeLastRuneInString(sym)
	if suffix {
		edge, _ = utf8.DecodeRuneInString(sym)
	}
	sep := ""
	if space || unicode.IsLetter(edge) {
		sep = " "
	}
	if suffix {
		return sign + num + sep + sym
	}
	return sign + sym + sep + num
}

// currencyPattern says where CLDR's standard currency pattern puts the
// symbol for tag, and whether a space separates it from the number. x/text
// does not expose these patterns; this is the one table, kept to the
// languages whose pattern differs from English "¤#,##0.00".
func currencyPattern(tag language.Tag) (suffix, space bool) {
	base, _ := tag.Base()
	region, _ := tag.Region()
	r := region.String()
	switch base.String() {
	case "de":
		if r == "CH" || r == "AT" || r == "LI" {
			return false, true
		}
		return true, true
	case "it":
		if r == "CH" {
			return false, true
		}
		return true, true
	case "es":
		if r == "ES" || r == "ZZ" {
			return true, true
		}
		return false, false // Latin America: "$79.99"
	case "pt":
		if r == "PT" {
			return true, true
		}
		return false, true // "R$ 79,99"
	case "nl":
		return false, true // "€ 79,99"
	case "el", "fr", "ru", "uk", "be", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "bg", "ro", "hu",
		"sv", "fi", "nb", "nn", "no", "da", "is", "et", "lv", "lt", "vi", "ca", "eu", "gl", "kk",
		"hy", "ka", "az", "lb", "mk", "sq":
		return true, true
	}
	return false, false
}

// numberSymbols are a locale's native digits and decimal separator, as
// x/text prints them.
type numberSymbols struct {
	digits  [10]string
	decimal string
}

var numberSymbolCache sync.Map // language.Tag string -> *numberSymbols

func symbolsFor(tag language.Tag) *numberSymbols {
	key := tag.String()
	if v, ok := numberSymbolCache.Load(key); ok {
		return v.(*numberSymbols)
	}
	p := message.NewPrinter(tag)
	ns := &numberSymbols{}
	for d := range ns.digits {
		ns.digits[d] = p.Sprint(number.Decimal(d))
	}
	// 1.5 is exact in binary, so no rounding hides in this probe.
	ns.decimal = strings.TrimSuffix(strings.TrimPrefix(p.Sprint(number.Decimal(1.5, number.Scale(1))), ns.digits[1]), ns.digits[5])
	numberSymbolCache.Store(key, ns)
	return ns
}

// formatDecimal formats a decimal string with exactly scale decimals in
// tag's digits and separators.
func formatDecimal(tag language.Tag, amount string, scale int) (out string, neg, ok bool) {
	whole, frac, neg, ok := splitDecimal(amount)
	if !ok {
		return "", false, false
	}
	whole, frac = roundDecimal(whole, frac, scale)
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return "", false, false
	}
	ns := symbolsFor(tag)
	var b strings.Builder
	b.WriteString(message.NewPrinter(tag).Sprint(number.Decimal(n)))
	if scale > 0 {
		b.WriteString(ns.decimal)
		for _, c := range frac {
			b.WriteString(ns.digits[c-'0'])
		}
	}
	if neg && strings.Trim(whole+frac, "0") == "" {
		neg = false // no "-0.00"
	}
	return b.String(), neg, true
}

// splitDecimal splits "-1234.5" into "1234", "5" and the sign.
func splitDecimal(s string) (whole, frac string, neg, ok bool) {
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	whole, frac, _ = strings.Cut(s, ".")
	if whole == "" && frac == "" {
		return "", "", false, false
	}
	for _, part := range []string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return "", "", false, false
			}
		}
	}
	if whole == "" {
		whole = "0"
	}
	return whole, frac, neg, true
}

// roundDecimal gives frac exactly scale digits, rounding half away from
// zero, and carries into whole.
func roundDecimal(whole, frac string, scale int) (string, string) {
	if scale < 0 {
		scale = 0
	}
	if len(frac) <= scale {
		return whole, frac + strings.Repeat("0", scale-len(frac))
	}
	up := frac[scale] >= '5'
	digits := []byte(whole + frac[:scale])
	if up {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	w := string(digits[:len(digits)-scale])
	w = strings.TrimLeft(w, "0")
	if w == "" {
		w = "0"
	}
	return w, string(digits[len(digits)-scale:])
}

// Month names for FormatDate. x/text formats numbers but not dates, so
// these few languages carry their own names; others get ISO 8601.
var (
	englishMonths = [12]string{"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"}
	// Greek dates put the month in the genitive: "30 Απριλίου 2026".
	greekMonthsGenitive = [12]string{"Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου",
		"Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου"}
)

// FormatDate formats the calendar date of t (in t's own location) in a
// locale's long form without time: "April 30, 2026" (en-US),
// "30 April 2026" (en-GB), "2026年4月30日" (zh, ja), "2026년 4월 30일"
// (ko), "30 Απριλίου 2026" (el). golang.org/x/text has no date formatting,
// so these languages use the small month table above; every other locale
// gets ISO 8601, "2026-04-30", which no reader misreads.
func FormatDate(locale string, t time.Time) string {
	tag := parseLocale(locale)
	base, _ := tag.Base()
	y, m, d := t.Date()
	switch base.String() {
	case "en":
		region, conf := tag.Region()
		switch r := region.String(); {
		case conf == language.No, r == "US", r == "CA", r == "PH", r == "UM", r == "PR", r == "GU", r == "AS", r == "VI", r == "MP":
			return englishMonths[m-1] + " " + strconv.Itoa(d) + ", " + strconv.Itoa(y)
		}
		return strconv.Itoa(d) + " " + englishMonths[m-1] + " " + strconv.Itoa(y)
	case "zh", "ja":
		return strconv.Itoa(y) + "年" + strconv.Itoa(int(m)) + "月" + strconv.Itoa(d) + "日"
	case "ko":
		return strconv.Itoa(y) + "년 " + strconv.Itoa(int(m)) + "월 " + strconv.Itoa(d) + "일"
	case "el":
		return strconv.Itoa(d) + " " + greekMonthsGenitive[m-1] + " " + strconv.Itoa(y)
	}
	return t.Format("2006-01-02")
}
