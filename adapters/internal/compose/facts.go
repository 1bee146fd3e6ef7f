package compose

import (
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
	"golang.org/x/text/language"
)

// Words are the few fixed words a post prints around facts, in one
// language. "%s" stands for the value.
type Words struct {
	Was  string // the earlier price: "Was %s"
	Code string // the promo code: "Code %s"
	Ends string // the offer's end: "Ends %s"
	// Open is the spoken call to action of a voice skill; {verb} is the
	// style guide's verb for the voice channel, {brand} the brand name.
	Open string
	// Sep joins fact statements on one line; Colon joins a call to action
	// and its link; Stop ends a sentence.
	Sep, Colon, Stop string
}

// words are the fixed words by base language. They match the wording of
// the web-family channels so that every channel says the same thing.
var words = map[string]Words{
	"en": {Was: "Was %s", Code: "Code %s", Ends: "Ends %s", Open: `{verb} "open {brand}".`, Sep: " · ", Colon: ": ", Stop: "."},
	"de": {Was: "Statt %s", Code: "Code %s", Ends: "Endet am %s", Open: `Sag „öffne {brand}“.`, Sep: " · ", Colon: ": ", Stop: "."},
	"es": {Was: "Antes %s", Code: "Código %s", Ends: "Termina el %s", Open: `Di «abre {brand}».`, Sep: " · ", Colon: ": ", Stop: "."},
	"fr": {Was: "Au lieu de %s", Code: "Code %s", Ends: "Jusqu’au %s", Open: `Dites « ouvre {brand} ».`, Sep: " · ", Colon: " : ", Stop: "."},
	"el": {Was: "Πριν %s", Code: "Κωδικός %s", Ends: "Λήγει %s", Open: `Πείτε «άνοιξε {brand}».`, Sep: " · ", Colon: ": ", Stop: "."},
	"zh": {Was: "原价 %s", Code: "优惠码 %s", Ends: "%s截止", Open: `请说“打开{brand}”。`, Sep: " · ", Colon: "：", Stop: "。"},
	"ar": {Was: "بدلاً من %s", Code: "رمز الخصم %s", Ends: "ينتهي في %s", Open: `قل «افتح {brand}».`, Sep: " · ", Colon: ": ", Stop: "."},
	"he": {Was: "במקום %s", Code: "קוד קופון %s", Ends: "בתוקף עד %s", Open: `אמרו „פתח את {brand}”.`, Sep: " · ", Colon: ": ", Stop: "."},
	"ja": {Was: "通常価格 %s", Code: "クーポンコード %s", Ends: "%s まで", Open: `「{brand}を開いて」と言ってください。`, Sep: " · ", Colon: "：", Stop: "。"},
}

// Lang returns the base language of a locale ("zh" for "zh-CN"), "en"
// when the locale is empty.
func Lang(locale string) string {
	l := strings.ToLower(locale)
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	if l == "" {
		return "en"
	}
	return l
}

// WordsFor returns the fixed words for a locale, English when its
// language has none.
func WordsFor(locale string) Words {
	if w, ok := words[Lang(locale)]; ok {
		return w
	}
	return words["en"]
}

// Latin reports whether a locale is written in the Latin script, which is
// what decides whether an SMS can stay in the GSM-7 alphabet.
func Latin(locale string) bool {
	if locale == "" {
		return true
	}
	tag, err := language.Parse(locale)
	if err != nil {
		return Lang(locale) == "en"
	}
	s, _ := tag.Script()
	return s.String() == "Latn"
}

// Sentence joins two texts as consecutive sentences, ending the first
// with the language's full stop unless it already ends a sentence.
func Sentence(w Words, a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	if !endsSentence(a) {
		a += w.Stop
	}
	if w.Stop == "。" || strings.HasSuffix(a, "。") || strings.HasSuffix(a, "！") || strings.HasSuffix(a, "？") {
		return a + b
	}
	return a + " " + b
}

// EndSentence ends s with the language's full stop unless it already
// ends a sentence.
func EndSentence(w Words, s string) string {
	if s == "" || endsSentence(s) {
		return s
	}
	return s + w.Stop
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"'”’»)]`)
	for _, p := range []string{".", "!", "?", "…", "。", "！", "？", ";", ":"} {
		if strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}

// Statement is one fact as a reader reads it, with the facts it states.
// Short and ShortFacts stand in for Text and Facts when room is short; an
// empty Short leaves the statement out then.
type Statement struct {
	Text       string
	Facts      content.Facts
	Short      string
	ShortFacts content.Facts
}

// required is a statement that is never left out.
func required(text string, f content.Facts) Statement {
	return Statement{Text: text, Facts: f, Short: text, ShortFacts: f}
}

// Statements returns the item's facts as statements in its locale, in
// reading order: the event's date and venue, then the price, the earlier
// price, the promo code and the offer's end. The event's start, the price
// and the code are always stated; an event's date range shortens to its
// start, and the venue, the earlier price and the offer's end may be left
// out. Every value is made plain with Clean.
func Statements(it *content.Item) []Statement {
	var out []Statement
	loc := it.Locale
	w := WordsFor(loc)
	all := it.Facts()
	if e := it.Event; e != nil && e.Starts != nil {
		start := Clean(adapters.FormatDate(loc, *e.Starts))
		when := required(start, content.Facts{Starts: all.Starts})
		if e.Ends != nil {
			if end := Clean(adapters.FormatDate(loc, *e.Ends)); end != start {
				when.Text = start + " – " + end
				when.Facts.Ends = all.Ends
			} else {
				when.Facts.Ends = all.Ends
				when.ShortFacts.Ends = all.Ends
			}
		}
		out = append(out, when)
		if v := Clean(e.Venue); v != "" {
			out = append(out, Statement{Text: v})
		}
	}
	if o := it.Offer; o != nil {
		if o.Price != "" && o.Currency != "" {
			out = append(out, required(Clean(adapters.FormatPrice(loc, o.Price, o.Currency)), content.Facts{Price: all.Price, Currency: all.Currency}))
			if o.Was != "" {
				was := Clean(adapters.FormatPrice(loc, o.Was, o.Currency))
				out = append(out, Statement{Text: phrase(w.Was, was), Facts: content.Facts{Was: all.Was}})
			}
		}
		if c := Clean(o.Code); c != "" {
			// A code that needed cleaning is stated, and recorded, as cleaned.
			out = append(out, required(phrase(w.Code, c), content.Facts{Code: c}))
		}
		// Item.Facts lets an event's end stand for the item's end; the
		// offer's end is stated only when it is the item's end fact.
		if o.Ends != nil && (it.Event == nil || it.Event.Ends == nil) {
			out = append(out, Statement{Text: phrase(w.Ends, Clean(adapters.FormatDate(loc, *o.Ends))), Facts: content.Facts{Ends: all.Ends}})
		}
	}
	return out
}

func phrase(p, v string) string { return strings.Replace(p, "%s", v, 1) }

// Line joins statements into one line with sep and returns the facts the
// line states. With short set, each statement gives its short form.
func Line(stmts []Statement, sep string, short bool) (string, content.Facts) {
	var parts []string
	var f content.Facts
	for _, s := range stmts {
		text, facts := s.Text, s.Facts
		if short {
			text, facts = s.Short, s.ShortFacts
		}
		if text == "" {
			continue
		}
		parts = append(parts, text)
		Merge(&f, facts)
	}
	return strings.Join(parts, sep), f
}

// Merge copies the non-empty facts of src into dst.
func Merge(dst *content.Facts, src content.Facts) {
	set := func(d *string, s string) {
		if s != "" {
			*d = s
		}
	}
	set(&dst.Price, src.Price)
	set(&dst.Currency, src.Currency)
	set(&dst.Was, src.Was)
	set(&dst.Code, src.Code)
	set(&dst.Starts, src.Starts)
	set(&dst.Ends, src.Ends)
	set(&dst.URL, src.URL)
}
