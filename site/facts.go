package site

import (
	"bytes"
	"fmt"
	"math/big"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

// CheckVariant runs the variant-level checks on one rendered variant:
// the adapter's limits, the style guide over the variant's texts, and the
// facts (the variant states the item's price, percentage, code and dates
// and no others, and declares the item's facts). in is what the variant
// was rendered from; a is its adapter. Overrides the variant used are
// fact-checked by CheckOverrides instead, once per item. Every finding
// carries the channel and the item id.
func CheckVariant(in *adapters.Input, a adapters.Adapter, v *adapters.Variant) []content.Finding {
	return checkVariant(in, a, v, nil)
}

// factMemo remembers the fact check of each text of one item: channels
// repeat the same title, summary and fact lines, and scanning for facts
// is the costly part of the check. It belongs to one item and one
// goroutine.
type factMemo map[string][]factProblem

// contradictions is the package function, remembered.
func (m factMemo) contradictions(it *content.Item, f content.Facts, text string) []factProblem {
	if m == nil {
		return contradictions(it, f, text)
	}
	ps, ok := m[text]
	if !ok {
		ps = contradictions(it, f, text)
		m[text] = ps
	}
	return ps
}

// checkVariant is CheckVariant with a memo shared by one item's channels.
func checkVariant(in *adapters.Input, a adapters.Adapter, v *adapters.Variant, memo factMemo) []content.Finding {
	it, ch := in.Item, a.ID()
	fs := checkLimits(it, a, v)
	if in.Guide != nil && len(v.Texts) > 0 {
		prose := make([]content.Prose, len(v.Texts))
		for i, t := range v.Texts {
			field := t.Field
			if t.Override != "" {
				field = t.Override
			}
			prose[i] = content.NewProse(nil, field, content.FieldText, 0, t.Text, nil)
		}
		// The same style finding may hit many channels at one place; the
		// channel in the message tells them apart in the text format.
		for _, f := range in.Guide.CheckVariantText(it, ch, prose, v.Facts.URL != "") {
			f.Message = ch + " variant: " + f.Message
			fs = append(fs, f)
		}
	}
	fs = append(fs, checkFacts(in, ch, v, memo)...)
	for i := range fs {
		fs[i].Channel, fs[i].Item = ch, it.ID
		if !fs[i].Pos.IsValid() {
			fs[i].Pos = it.FieldPos("id")
		}
	}
	return fs
}

// CheckOverrides fact-checks every override of it, whether or not an
// adapter uses it: an override that states another price, percentage,
// code or date than the item is an error at the override's place.
func CheckOverrides(it *content.Item, cfg *content.Config) []content.Finding {
	f := it.Facts()
	var fs []content.Finding
	for _, ch := range sortedKeys(it.Overrides) {
		for _, field := range sortedKeys(it.Overrides[ch]) {
			text := it.Overrides[ch][field]
			path := "overrides." + ch + "." + field
			for _, p := range contradictions(it, f, text) {
				fs = append(fs, content.Finding{
					Pos:      overridePos(it, path, p.off),
					Severity: content.Error,
					Rule:     p.rule,
					Message:  fmt.Sprintf("%s: %s", path, p.msg),
					Channel:  ch,
					Item:     it.ID,
					Excerpt:  p.stated,
				})
			}
		}
	}
	return fs
}

// overridePos is the file position of byte off of an override's text:
// exact when the item's prose maps it, else the override's value.
func overridePos(it *content.Item, path string, off int) content.Position {
	if off >= 0 {
		for i := range it.Prose {
			p := &it.Prose[i]
			if p.Field == path {
				if pos := p.Pos(off); pos.IsValid() {
					return pos
				}
				break
			}
		}
	}
	return it.FieldPos(path)
}

// checkFacts compares a variant's texts and declared facts with the item.
func checkFacts(in *adapters.Input, ch string, v *adapters.Variant, memo factMemo) []content.Finding {
	it := in.Item
	f := it.Facts()
	at := it.FieldPos("id")
	var fs []content.Finding
	add := func(rule, msg string) *content.Finding {
		fs = append(fs, content.Finding{Pos: at, Severity: content.Error, Rule: rule, Message: msg})
		return &fs[len(fs)-1]
	}

	// Texts the adapter wrote itself; overrides were checked as source,
	// and the small print is the brand's, not the item's.
	small := smallPrint(v)
	var texts []string
	for _, t := range v.Texts {
		texts = append(texts, t.Text)
		if t.Override != "" || t.Field == adapters.TermsField {
			continue
		}
		for _, p := range memo.contradictions(it, f, maskSmallPrint(t.Text, small)) {
			add(p.rule, fmt.Sprintf("the %s %s: %s", ch, t.Field, p.msg)).Excerpt = p.stated
		}
	}

	if it.Type == "promotion" && !slices.Contains(in.Config.Facts.Exempt, ch) {
		price, code := states(f, texts, it.Locale)
		if f.Price != "" && !price {
			add("facts.price", fmt.Sprintf("the %s variant does not state the price (%s)", ch, adapters.FormatPrice(it.Locale, f.Price, f.Currency)))
		}
		if f.Code != "" && !code {
			add("facts.code", fmt.Sprintf("the %s variant does not state the code %s", ch, f.Code))
		}
	}

	for _, m := range mismatches(f, v.Facts) {
		add("facts.mismatch", fmt.Sprintf("the %s variant declares %s %q but the item's is %q", ch, m[0], m[1], m[2]))
	}
	return fs
}

// smallPrint lists the disclaimers the variant carries (its terms text).
// They are the style guide's words, written once for every item: the
// amount in "Free shipping on orders over $50" is a condition of the
// brand's, not a price of the item's, so the fact scan reads past them.
func smallPrint(v *adapters.Variant) []string {
	for _, t := range v.Texts {
		if t.Field == adapters.TermsField {
			return strings.Split(t.Text, "\n")
		}
	}
	return nil
}

// maskSmallPrint blanks every disclaimer of small in text with spaces of
// the same length, so offsets into the text stay right.
func maskSmallPrint(text string, small []string) string {
	for _, d := range small {
		if d == "" || !strings.Contains(text, d) {
			continue
		}
		text = strings.ReplaceAll(text, d, strings.Repeat(" ", len(d)))
	}
	return text
}

// mismatches lists the facts a variant declares that differ from the
// item's, as (name, declared, item) triples. Facts the variant leaves
// empty are not compared: a channel need not carry every fact.
func mismatches(item, declared content.Facts) [][3]string {
	var out [][3]string
	cmp := func(name, d, i string, same func(a, b string) bool) {
		if d != "" && !same(d, i) {
			out = append(out, [3]string{name, d, i})
		}
	}
	eq := func(a, b string) bool { return a == b }
	cmp("price", declared.Price, item.Price, sameDecimal)
	cmp("currency", declared.Currency, item.Currency, strings.EqualFold)
	cmp("was", declared.Was, item.Was, sameDecimal)
	cmp("code", declared.Code, item.Code, eq)
	cmp("starts", declared.Starts, item.Starts, sameInstant)
	cmp("ends", declared.Ends, item.Ends, sameInstant)
	cmp("url", declared.URL, item.URL, sameLink)
	return out
}

// sameDecimal compares decimal strings by value: "79.9" equals "79.90".
func sameDecimal(a, b string) bool {
	if a == b {
		return true
	}
	x, ok1 := new(big.Rat).SetString(a)
	y, ok2 := new(big.Rat).SetString(b)
	return ok1 && ok2 && x.Cmp(y) == 0
}

// sameInstant compares RFC 3339 times as instants.
func sameInstant(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := time.Parse(time.RFC3339, a)
	y, err2 := time.Parse(time.RFC3339, b)
	return err1 == nil && err2 == nil && x.Equal(y)
}

// sameLink compares links ignoring the campaign (utm_*) parameters that
// adapters add per channel.
func sameLink(a, b string) bool {
	if a == b {
		return true
	}
	return stripCampaign(a) == stripCampaign(b)
}

func stripCampaign(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		if !strings.HasPrefix(strings.ToLower(k), "utm_") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range q[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v))
		}
	}
	u.RawQuery = b.String()
	u.ForceQuery = false
	return u.String()
}

// factProblem is a fact a text states differently from the item: its
// rule, message and byte offset in the text.
type factProblem struct {
	rule, msg string
	off       int
	stated    string // the words as the text has them
}

// contradictions lists the prices, percentages, codes and dates text
// states that disagree with the item's facts. A kind of fact the item
// does not have (a date in a store announcement) is not contradicted by
// words the writer wrote in the item's file: the variant only repeats
// them.
func contradictions(it *content.Item, f content.Facts, text string) []factProblem {
	var out []factProblem
	for _, m := range adapters.CheckFacts(f, text, it.Locale) {
		if m.Want == "none" && it.Src != nil && bytes.Contains(it.Src.Data, []byte(m.Stated)) {
			continue
		}
		out = append(out, factProblem{
			rule:   "facts." + m.Kind,
			msg:    fmt.Sprintf("states the %s %q; the item says %s", m.Kind, m.Stated, m.Want),
			off:    m.Offset,
			stated: m.Stated,
		})
	}
	return out
}

// states reports whether any of texts states the price and the code of
// f. The price as the locale formats it is found without scanning; other
// forms ("USD 79.99") need the scanner.
func states(f content.Facts, texts []string, locale string) (price, code bool) {
	formatted := adapters.FormatPrice(locale, f.Price, f.Currency)
	for _, t := range texts {
		code = code || (f.Code != "" && strings.Contains(t, f.Code))
		price = price || strings.Contains(t, formatted)
	}
	for _, t := range texts {
		if price {
			break
		}
		for _, m := range adapters.ScanFacts(t, locale) {
			if m.Kind == adapters.KindPrice && sameDecimal(m.Value, f.Price) && (m.Currency == "" || strings.EqualFold(m.Currency, f.Currency)) {
				price = true
			}
		}
	}
	return price, code
}
