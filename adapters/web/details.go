package web

import (
	"strings"
	"time"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

// Details are the facts an item states, formatted for its locale, with the
// content.Facts they stand for. The web, email, signage, chat and app
// channels all show the same Details, so their variants state the same
// facts in the same words.
type Details struct {
	Price    string // the offer price, "$79.99"
	Was      string // the earlier price, "$99.99"
	WasLine  string // "Was $99.99"
	Code     string // the promo code as written
	CodeLine string // "Code SPRING"
	EndsLine string // the offer's end, "Ends April 30, 2025"
	When     string // an event's date and time or range, "May 17, 2025 8:00 AM – 12:00 PM"
	Venue    string // an event's venue
	// CTALabel and CTALink are the channel's call to action; CTALink is
	// UTM-tagged and vetted by SafeURL, and both are empty when the item
	// has no call to action or its URL was refused.
	CTALabel string
	CTALink  string
	// Facts are exactly the facts the lines above state.
	Facts content.Facts
}

// NewDetails formats the item's facts for channel.
func NewDetails(in *adapters.Input, channel string) Details {
	var d Details
	it := in.Item
	loc := it.Locale
	all := it.Facts()
	if o := it.Offer; o != nil && o.Price != "" && o.Currency != "" {
		d.Price = adapters.FormatPrice(loc, o.Price, o.Currency)
		d.Facts.Price, d.Facts.Currency = all.Price, all.Currency
		if o.Was != "" {
			d.Was = adapters.FormatPrice(loc, o.Was, o.Currency)
			d.WasLine = Phrase(loc, "was", d.Was)
			d.Facts.Was = all.Was
		}
	}
	if o := it.Offer; o != nil && o.Code != "" {
		d.Code = StripTags(o.Code)
		d.CodeLine = Phrase(loc, "code", d.Code)
		d.Facts.Code = all.Code
	}
	if e := it.Event; e != nil && e.Starts != nil {
		d.When = when(loc, *e.Starts, e.Ends)
		d.Venue = StripTags(e.Venue)
		d.Facts.Starts = all.Starts
		if e.Ends != nil {
			d.Facts.Ends = all.Ends
		}
	}
	// Item.Facts lets an event's end stand for the item's end; the offer's
	// end is stated only when it is the item's end fact.
	if o := it.Offer; o != nil && o.Ends != nil && d.Facts.Ends == "" {
		d.EndsLine = Phrase(loc, "ends", adapters.FormatDate(loc, *o.Ends))
		d.Facts.Ends = all.Ends
	}
	if it.CTA != nil {
		label, link := adapters.CTA(in, channel)
		if link, ok := SafeURL(link); ok && strings.Contains(link, "://") {
			d.CTALabel, d.CTALink = StripTags(label), link
			d.Facts.URL = all.URL
		}
	}
	return d
}

// OfferLines returns the offer's lines in reading order: price, was
// price, code and end date, leaving out the absent ones.
func (d Details) OfferLines() []string {
	return nonEmpty(d.Price, d.WasLine, d.CodeLine, d.EndsLine)
}

// EventLines returns the event's lines: its date and its venue.
func (d Details) EventLines() []string { return nonEmpty(d.When, d.Venue) }

// Lines returns every fact line, the event's first.
func (d Details) Lines() []string { return append(d.EventLines(), d.OfferLines()...) }

// Texts returns the reader-visible fact texts as variant texts, field
// "facts" and "cta".
func (d Details) Texts() []adapters.Text {
	var ts []adapters.Text
	if l := strings.Join(d.Lines(), " · "); l != "" {
		ts = append(ts, adapters.Text{Field: "facts", Text: l})
	}
	if d.CTALink != "" {
		ts = append(ts, adapters.Text{Field: "cta", Text: strings.TrimSpace(d.CTALabel + " " + d.CTALink)})
	}
	return ts
}

// TextsOf returns the text of each variant text.
func TextsOf(ts []adapters.Text) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Text
	}
	return out
}

// when writes an event's start and end in the time zone they were
// written in, which is the venue's: the date (adapters.FormatDate) and the
// clock time, the end's date only when it is another date. A time of
// exactly midnight is taken as "all day" and shows no clock time.
func when(loc string, start time.Time, end *time.Time) string {
	s := adapters.FormatDate(loc, start) + clock(loc, start)
	if end == nil {
		return s
	}
	e := *end
	if adapters.FormatDate(loc, e) == adapters.FormatDate(loc, start) {
		if c := clock(loc, e); c != "" {
			return s + " –" + c
		}
		return s
	}
	return s + " – " + adapters.FormatDate(loc, e) + clock(loc, e)
}

// clock is " 8:00 AM" in American English, " 08:00" elsewhere, and ""
// at midnight.
func clock(loc string, t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 {
		return ""
	}
	switch strings.ToLower(loc) {
	case "en", "en-us":
		return " " + t.Format("3:04 PM")
	}
	return " " + t.Format("15:04")
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Pick returns the writer's override overrides.<channel>.<field> as a
// Text when there is one, else def. Both are plain text with StripTags
// applied.
func Pick(in *adapters.Input, channel, field, def string) adapters.Text {
	if o, ok := in.Item.Overrides[channel][field]; ok && strings.TrimSpace(o) != "" {
		return adapters.Text{Field: field, Text: StripTags(o), Override: "overrides." + channel + "." + field}
	}
	return adapters.Text{Field: field, Text: StripTags(def)}
}

// phrases are the few fixed words the web-family channels print around
// facts, by base language. "%s" stands for the value.
var phrases = map[string]map[string]string{
	"en": {"more": "Read the rest online", "was": "Was %s", "code": "Code %s", "ends": "Ends %s", "unsubscribe": "Unsubscribe", "why": "You are receiving this email because you subscribed to %s."},
	"de": {"more": "Weiterlesen auf unserer Website", "was": "Statt %s", "code": "Code %s", "ends": "Endet am %s", "unsubscribe": "Abmelden", "why": "Sie erhalten diese E-Mail, weil Sie %s abonniert haben."},
	"es": {"more": "Sigue leyendo en nuestra web", "was": "Antes %s", "code": "Código %s", "ends": "Termina el %s", "unsubscribe": "Darse de baja", "why": "Recibes este correo porque te suscribiste a %s."},
	"fr": {"more": "Lire la suite en ligne", "was": "Au lieu de %s", "code": "Code %s", "ends": "Jusqu’au %s", "unsubscribe": "Se désabonner", "why": "Vous recevez cet e-mail car vous êtes abonné à %s."},
	"el": {"more": "Διαβάστε τη συνέχεια online", "was": "Πριν %s", "code": "Κωδικός %s", "ends": "Λήγει %s", "unsubscribe": "Διαγραφή", "why": "Λαμβάνετε αυτό το email επειδή εγγραφήκατε στο %s."},
	"zh": {"more": "在线阅读全文", "was": "原价 %s", "code": "优惠码 %s", "ends": "%s截止", "unsubscribe": "退订", "why": "您收到此邮件是因为您订阅了 %s。"},
	"ar": {"more": "تابع القراءة على الإنترنت", "was": "بدلاً من %s", "code": "رمز الخصم %s", "ends": "ينتهي في %s", "unsubscribe": "إلغاء الاشتراك", "why": "تصلك هذه الرسالة لأنك مشترك في %s."},
	"he": {"more": "להמשך הקריאה באתר", "was": "במקום %s", "code": "קוד קופון %s", "ends": "בתוקף עד %s", "unsubscribe": "הסרה מרשימת התפוצה", "why": "קיבלת הודעה זו כי נרשמת לעדכונים של %s."},
	"ja": {"more": "続きはウェブサイトでお読みください", "was": "通常価格 %s", "code": "クーポンコード %s", "ends": "%s まで", "unsubscribe": "配信停止", "why": "%s に登録されているため、このメールをお送りしています。"},
}

// Phrase returns the fixed phrase key ("was", "code", "ends",
// "unsubscribe", "why", "more") in the locale's language, English when the
// language has none, with arg in place of "%s".
func Phrase(locale, key, arg string) string {
	lang := strings.ToLower(locale)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	p, ok := phrases[lang][key]
	if !ok {
		p = phrases["en"][key]
	}
	return strings.Replace(p, "%s", arg, 1)
}

// rtl are the languages written right to left, by base language subtag.
var rtl = map[string]bool{"ar": true, "arc": true, "dv": true, "fa": true, "he": true, "ckb": true, "ps": true, "sd": true, "ug": true, "ur": true, "yi": true}

// Dir is the text direction of a locale, "rtl" or "ltr", for dir
// attributes.
func Dir(locale string) string {
	lang := strings.ToLower(locale)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if rtl[lang] {
		return "rtl"
	}
	return "ltr"
}
