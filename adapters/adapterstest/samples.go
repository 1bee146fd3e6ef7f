package adapterstest

import (
	"strings"
	"time"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/all"
	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/styleguide"
)

// Sample is a named sample input. Names are stable: golden files are named
// after them.
type Sample struct {
	Name string
	In   *adapters.Input
}

// GoldenCases names the samples every adapter keeps golden files for.
var GoldenCases = []string{"promotion-en-US", "promotion-zh-CN", "promotion-el-GR", "event-en-US", "article-en-US", "with-guide"}

// Config returns the workspace configuration the samples render under.
func Config() *content.Config {
	return &content.Config{
		Brand:         "Acme Outdoor",
		BaseURL:       "https://acme.example",
		DefaultLocale: "en-US",
		Locales: []content.LocaleConfig{
			{Code: "en-US"},
			{Code: "zh-CN", Fallback: []string{"en-US"}},
			{Code: "el-GR", Fallback: []string{"en-US"}},
		},
		SMS:   content.SMSConfig{Prefix: "Acme:", OptOut: "Reply STOP to opt out", MaxSegments: 2},
		Email: content.EmailConfig{From: "Acme Outdoor <news@acme.example>", ListUnsubscribe: "https://acme.example/unsubscribe"},
	}
}

// GuideYAML is the style guide of the with-guide sample: other
// call-to-action verbs and fewer hashtags than the defaults, a brand name
// the item's tags spell in lowercase, and claims whose disclaimers
// long-form channels carry and short ones leave to the landing page.
const GuideYAML = `casing: [TrailPro]
claims:
  - trigger: "% off"
    disclaimer: sale_terms
  - trigger: free shipping
    disclaimer: shipping
disclaimers:
  sale_terms: Discount applies to full-price items only.
  shipping: Free shipping is for members in the contiguous US.
channels:
  x: {cta: Tap, max_hashtags: 1, disclaimers: link}
  instagram: {cta: Tap, max_hashtags: 2}
  mastodon: {max_hashtags: 0}
  sms: {cta: Text, disclaimers: link}
  voice: {cta: Ask}
  push: {disclaimers: link}
  bluesky: {disclaimers: link}
  chat: {disclaimers: link}
  signage: {disclaimers: link}
`

// Guide compiles GuideYAML. It is nil if the style guide package refuses
// it, which the styleguide tests would show.
func Guide() *styleguide.Guide {
	g, findings := styleguide.Compile([]*content.Source{content.NewSource("styleguide/channels.yaml", []byte(GuideYAML))})
	for _, f := range findings {
		if f.Severity == content.Error {
			return nil
		}
	}
	return g
}

// Items returns every sample input, fresh on each call so a test may
// change them.
func Items() []*adapters.Input {
	var out []*adapters.Input
	for _, s := range Samples() {
		out = append(out, s.In)
	}
	return out
}

// SampleInput returns a fresh copy of the named sample input, or nil.
func SampleInput(name string) *adapters.Input {
	for _, s := range Samples() {
		if s.Name == name {
			return s.In
		}
	}
	return nil
}

// Samples returns every sample, fresh on each call: promotions, products,
// articles, announcements, events and FAQs in en-US, zh-CN and el-GR, one
// with overrides for every channel, then the odd ones: hostile markup and
// URLs, title only, huge, right-to-left, long unbroken CJK, emoji only,
// stacked combining marks, no configuration or style guide, no locale
// (the workspace default applies), and a compiled style guide.
func Samples() []Sample {
	cfg := Config()
	in := func(it *content.Item) *adapters.Input { return &adapters.Input{Item: it, Config: cfg} }
	out := []Sample{
		{"promotion-en-US", in(promotionEN())},
		{"promotion-zh-CN", in(promotionZH())},
		{"promotion-el-GR", in(promotionEL())},
		{"product-en-US", in(productEN())},
		{"product-zh-CN", in(productZH())},
		{"article-en-US", in(articleEN())},
		{"article-el-GR", in(articleEL())},
		{"announcement-en-US", in(announcementEN())},
		{"event-en-US", in(eventEN())},
		{"event-zh-CN", in(eventZH())},
		{"faq-en-US", in(faqEN())},
		{"faq-el-GR", in(faqEL())},
		{"overrides-en-US", in(overridesEN())},
		{"hostile", in(hostile())},
		{"title-only", in(titleOnly())},
		{"huge", in(huge())},
		{"rtl-ar", in(rtlAR())},
		{"rtl-he", in(rtlHE())},
		{"cjk-unbroken", in(cjkUnbroken())},
		{"emoji-only", in(emojiOnly())},
		{"combining", in(combining())},
		{"no-config", &adapters.Input{Item: promotionEN()}},
		{"no-locale", in(noLocale())},
		{"with-guide", &adapters.Input{Item: withGuide(), Config: cfg, Guide: Guide()}},
	}
	// Translations see each other, as the loader arranges.
	byID := map[string][]*adapters.Input{}
	for _, s := range out {
		byID[s.In.Item.ID] = append(byID[s.In.Item.ID], s.In)
	}
	for _, group := range byID {
		for _, a := range group {
			for _, b := range group {
				if a != b && a.Item.Locale != b.Item.Locale && b.Config != nil {
					a.Alternates = append(a.Alternates, b.Item)
				}
			}
		}
	}
	for _, s := range out {
		sortAlternates(s.In.Alternates)
	}
	return out
}

// Promotion returns an en-US promotion with the given title and summary,
// for fuzzing.
func Promotion(title, summary string) *adapters.Input {
	it := promotionEN()
	it.Title, it.Summary = title, summary
	it.Prose = prose(title, summary)
	return &adapters.Input{Item: it, Config: Config()}
}

func sortAlternates(items []*content.Item) {
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].Locale < items[j-1].Locale; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

// at parses an RFC 3339 sample time; the samples' times are constants.
func at(s string) *time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return &t
}

// prose builds the prose blocks the loader would: title and summary as
// field text, then each body paragraph.
func prose(title, summary string, body ...string) []content.Prose {
	ps := []content.Prose{content.NewProse(nil, "title", content.FieldText, 0, title, nil)}
	if summary != "" {
		ps = append(ps, content.NewProse(nil, "summary", content.FieldText, 0, summary, nil))
	}
	for _, b := range body {
		ps = append(ps, content.NewProse(nil, "body", content.Paragraph, 0, b, nil))
	}
	return ps
}

// item fills in what every sample shares.
func item(id, typ, locale, title, summary string, body ...string) *content.Item {
	file := "content/" + id + ".md"
	if locale != "en-US" {
		file = "content/" + id + "." + locale + ".md"
	}
	return &content.Item{
		ID: id, Type: typ, Locale: locale, Title: title, Summary: summary,
		File: file, Prose: prose(title, summary, body...),
	}
}

func promotionEN() *content.Item {
	it := item("spring-sale", "promotion", "en-US", "Spring Sale",
		"Everything for the trail is 20% off this week. Boots, packs and tents included.",
		"Our spring sale covers the whole trail range: the Ridgeline boots, the TrailPro packs and every SummitLite tent. Members get free shipping on every order.")
	it.Publish, it.Expire = at("2026-04-01T00:00:00Z"), at("2026-05-01T00:00:00Z")
	it.Tags = []string{"spring", "outdoor gear", "sale"}
	it.Offer = &content.Offer{Price: "79.99", Currency: "USD", Was: "99.99", Code: "SPRING20", Ends: at("2026-04-30T23:59:00Z")}
	it.CTA = &content.CTA{Label: "Shop the sale", URL: "https://acme.example/sale"}
	it.Image = &content.Image{Src: "/img/spring-sale.jpg", Alt: "A tent pitched beside a lake at dawn"}
	return it
}

// withGuide is the promotion with a brand name among its tags, for the
// with-guide sample.
func withGuide() *content.Item {
	it := promotionEN()
	it.Tags = append([]string{"trailpro"}, it.Tags...)
	return it
}

func promotionZH() *content.Item {
	it := item("spring-sale", "promotion", "zh-CN", "春季特卖",
		"本周所有户外装备八折。登山靴、背包和帐篷均参加活动。",
		"春季特卖涵盖全部徒步系列：Ridgeline 登山靴、TrailPro 背包和 SummitLite 帐篷。会员订单全部免运费。")
	it.Publish, it.Expire = at("2026-04-01T00:00:00Z"), at("2026-05-01T00:00:00Z")
	it.Tags = []string{"春季", "户外装备"}
	it.Offer = &content.Offer{Price: "639.20", Currency: "CNY", Was: "799.00", Code: "SPRING20", Ends: at("2026-04-30T23:59:00+08:00")}
	it.CTA = &content.CTA{Label: "立即选购", URL: "https://acme.example/zh/sale"}
	it.Image = &content.Image{Src: "/img/spring-sale.jpg", Alt: "黎明时分湖边搭起的帐篷"}
	return it
}

func promotionEL() *content.Item {
	it := item("spring-sale", "promotion", "el-GR", "Ανοιξιάτικες εκπτώσεις",
		"Όλος ο εξοπλισμός για το μονοπάτι με έκπτωση 20% αυτή την εβδομάδα. Μπότες, σακίδια και σκηνές.",
		"Οι εκπτώσεις καλύπτουν όλη τη σειρά πεζοπορίας: μπότες Ridgeline, σακίδια TrailPro και σκηνές SummitLite. Τα μέλη έχουν δωρεάν αποστολή.")
	it.Publish, it.Expire = at("2026-04-01T00:00:00Z"), at("2026-05-01T00:00:00Z")
	it.Tags = []string{"άνοιξη", "εξοπλισμός"}
	it.Offer = &content.Offer{Price: "79.99", Currency: "EUR", Was: "99.99", Code: "SPRING20", Ends: at("2026-04-30T23:59:00+03:00")}
	it.CTA = &content.CTA{Label: "Δείτε τις προσφορές", URL: "https://acme.example/el/sale"}
	it.Image = &content.Image{Src: "/img/spring-sale.jpg", Alt: "Σκηνή δίπλα σε λίμνη την αυγή"}
	return it
}

func productEN() *content.Item {
	it := item("ridgeline-boots", "product", "en-US", "Ridgeline Hiking Boots",
		"Waterproof leather boots with a grippy sole, built for long days on rough ground.",
		"The Ridgeline has a full-grain leather upper, a waterproof membrane and a sole that grips wet rock.")
	it.Tags = []string{"boots", "hiking"}
	it.Offer = &content.Offer{Price: "149.00", Currency: "USD"}
	it.CTA = &content.CTA{Label: "See the boots", URL: "https://acme.example/products/ridgeline-boots"}
	it.Image = &content.Image{Src: "https://cdn.acme.example/ridgeline.jpg", Alt: "A brown leather hiking boot on a rock"}
	return it
}

func productZH() *content.Item {
	it := item("ridgeline-boots", "product", "zh-CN", "Ridgeline 登山靴",
		"防水皮革登山靴，防滑大底，适合长距离崎岖路段。")
	it.Tags = []string{"登山靴"}
	it.Offer = &content.Offer{Price: "1099.00", Currency: "CNY"}
	it.CTA = &content.CTA{Label: "查看详情", URL: "https://acme.example/zh/products/ridgeline-boots"}
	return it
}

func articleEN() *content.Item {
	it := item("layering-guide", "article", "en-US", "How to Layer for a Cold Hike",
		"Three layers keep you warm and dry: a base that wicks, a middle that insulates and a shell that blocks wind and rain.",
		"Start with a base layer of merino or synthetic fabric. Cotton holds sweat and chills you as soon as you stop.",
		"Add a fleece or light down jacket as the middle layer, and carry a waterproof shell even when the forecast is clear.")
	it.Publish = at("2026-01-15T08:00:00Z")
	it.Tags = []string{"hiking", "how to", "winter"}
	it.CTA = &content.CTA{Label: "Read the guide", URL: "https://acme.example/guides/layering"}
	it.Image = &content.Image{Src: "/img/layers.jpg", Alt: "Three jackets laid out on a bench"}
	return it
}

func articleEL() *content.Item {
	it := item("layering-guide", "article", "el-GR", "Πώς να ντυθείτε για πεζοπορία στο κρύο",
		"Τρία στρώματα σας κρατούν ζεστούς και στεγνούς: ένα που απομακρύνει τον ιδρώτα, ένα που μονώνει κι ένα που σταματά τον αέρα και τη βροχή.")
	it.Tags = []string{"πεζοπορία"}
	it.CTA = &content.CTA{Label: "Διαβάστε τον οδηγό", URL: "https://acme.example/el/guides/layering"}
	return it
}

func announcementEN() *content.Item {
	it := item("portland-move", "announcement", "en-US", "Our Portland Store Has Moved",
		"Find us at our new home on NW Everett St, with twice the floor space and a repair bench.")
	it.CTA = &content.CTA{Label: "Get directions", URL: "https://acme.example/stores/portland"}
	return it
}

func eventEN() *content.Item {
	it := item("gear-swap", "event", "en-US", "Gear Swap in Portland",
		"Bring the gear you no longer use and swap it for something you will. Free entry, coffee on us.")
	it.Tags = []string{"gear swap", "Portland"}
	it.Event = &content.Event{Starts: at("2026-05-16T10:00:00-07:00"), Ends: at("2026-05-16T16:00:00-07:00"), Venue: "Acme Portland, 1200 NW Everett St"}
	it.CTA = &content.CTA{Label: "RSVP", URL: "https://acme.example/events/gear-swap"}
	return it
}

func eventZH() *content.Item {
	it := item("shanghai-swap", "event", "zh-CN", "上海装备交换日",
		"带上闲置的户外装备，换回你需要的。免费入场。")
	it.Event = &content.Event{Starts: at("2026-06-06T10:00:00+08:00"), Ends: at("2026-06-07T17:00:00+08:00"), Venue: "Acme 上海静安店"}
	it.CTA = &content.CTA{Label: "报名参加", URL: "https://acme.example/zh/events/shanghai-swap"}
	return it
}

func faqEN() *content.Item {
	it := item("returns", "faq", "en-US", "Can I return used gear?",
		"Yes. Return any item within 60 days, used or not, for a refund or an exchange.")
	it.CTA = &content.CTA{Label: "Read the return policy", URL: "https://acme.example/help/returns"}
	return it
}

func faqEL() *content.Item {
	it := item("returns", "faq", "el-GR", "Μπορώ να επιστρέψω χρησιμοποιημένο εξοπλισμό;",
		"Ναι. Επιστρέψτε οποιοδήποτε προϊόν μέσα σε 60 ημέρες, χρησιμοποιημένο ή όχι.")
	it.CTA = &content.CTA{Label: "Η πολιτική επιστροφών", URL: "https://acme.example/el/help/returns"}
	return it
}

// overridesEN is the en-US promotion with a writer's text for every
// registered channel and every field name the channels use.
func overridesEN() *content.Item {
	it := promotionEN()
	it.ID = "spring-sale-overrides"
	it.Overrides = map[string]content.Overrides{}
	for _, ch := range all.IDs() {
		it.Overrides[ch] = content.Overrides{
			"text":        "Twenty percent off the trail range, this week only.",
			"title":       "Spring Sale: 20% off",
			"body":        "Boots, packs and tents, all 20% off this week.",
			"subject":     "Spring Sale: 20% off the trail range",
			"preheader":   "Boots, packs and tents included.",
			"description": "Twenty percent off boots, packs and tents this week.",
			"headline":    "20% off",
			"label":       "Shop now",
		}
	}
	return it
}

// Hostile markup the hostile sample puts in its fields.
const (
	Script = `<script>alert(1)</script>`
	Img    = `<img src=x onerror=alert(1)>`
)

func hostile() *content.Item {
	it := promotionEN()
	it.ID = "hostile"
	it.Title = Script + `Big "sale" <b onmouseover=alert(1)>now</b>`
	it.Summary = `Cheap ` + Img + ` & good </script><script>alert(2)</script>`
	it.CTA = &content.CTA{Label: `Go ` + Script + `"now"`, URL: "javascript:alert(1)"}
	it.Image = &content.Image{Src: "javascript:alert(1)//x.jpg", Alt: `He said "hi" & 'bye' ` + Img}
	it.Tags = []string{Script, Img}
	it.Event = nil
	it.Prose = prose(it.Title, it.Summary, Script+" body "+Img)
	it.Overrides = map[string]content.Overrides{}
	for _, ch := range all.IDs() {
		ov := content.Overrides{}
		for _, f := range []string{"text", "title", "body", "subject", "preheader", "description", "headline", "label"} {
			ov[f] = `<script>alert("` + f + `")</script>` + Img + " " + f
		}
		it.Overrides[ch] = ov
	}
	return it
}

func titleOnly() *content.Item {
	return item("closed-today", "announcement", "en-US", "Store closed today", "")
}

func huge() *content.Item {
	it := promotionEN()
	it.ID = "huge"
	it.Title = strings.Repeat("Very long title word ", 40) + "end"
	sentence := "Every pack, boot and tent in the store is part of this sale, and the offer runs while stocks last. "
	it.Summary = strings.Repeat(sentence, 50*1024/len(sentence)+1)
	para := strings.Repeat("The quick brown fox jumps over the lazy dog near the trailhead. ", 100*1024/64+1)
	it.Prose = prose(it.Title, it.Summary, para)
	src := "---\nid: huge\n---\n" + para + "\n"
	it.Src = content.NewSource(it.File, []byte(src))
	it.BodyOffset = len("---\nid: huge\n---\n")
	tags := make([]string, 40)
	for i := range tags {
		tags[i] = "tag" + strings.Repeat("x", i%7) + string(rune('a'+i%26))
	}
	it.Tags = tags
	return it
}

func rtlAR() *content.Item {
	it := item("eid-sale", "promotion", "ar-SA", "تخفيضات الربيع",
		"خصم 20٪ على جميع معدات المشي هذا الأسبوع. الأحذية والحقائب والخيام مشمولة.",
		"تشمل التخفيضات جميع منتجات المشي لمسافات طويلة.")
	it.Tags = []string{"الربيع", "تخفيضات"}
	it.Offer = &content.Offer{Price: "299.00", Currency: "SAR", Was: "373.75", Code: "SPRING20", Ends: at("2026-04-30T23:59:00+03:00")}
	it.CTA = &content.CTA{Label: "تسوق الآن", URL: "https://acme.example/ar/sale"}
	return it
}

func rtlHE() *content.Item {
	it := item("tlv-swap", "event", "he-IL", "החלפת ציוד בתל אביב",
		"הביאו ציוד שאתם כבר לא צריכים והחליפו אותו במשהו שתשתמשו בו. הכניסה חופשית.")
	it.Event = &content.Event{Starts: at("2026-05-22T18:00:00+03:00"), Venue: "Acme תל אביב"}
	it.CTA = &content.CTA{Label: "הרשמה", URL: "https://acme.example/he/events/swap"}
	return it
}

func cjkUnbroken() *content.Item {
	it := item("spring-guide", "article", "ja-JP", "春の山歩きガイド",
		strings.Repeat("春の山歩きに必要な装備を一式そろえました", 120),
		strings.Repeat("山の天気は変わりやすいので雨具を必ず持っていきましょう", 200))
	it.Offer = &content.Offer{Price: "12800", Currency: "JPY", Code: "HARU"}
	it.CTA = &content.CTA{Label: "ガイドを読む", URL: "https://acme.example/ja/guides/spring"}
	it.Tags = []string{"山歩き"}
	return it
}

func emojiOnly() *content.Item {
	it := promotionEN()
	it.ID = "emoji"
	it.Title = "🎉🎉🎉"
	it.Summary = strings.Repeat("🏕️⛺🔥👨‍👩‍👧‍👦🇺🇸", 200)
	it.Prose = prose(it.Title, it.Summary, strings.Repeat("🥾", 500))
	it.Tags = []string{"🎉"}
	it.CTA.Label = "👉"
	return it
}

func combining() *content.Item {
	it := promotionEN()
	it.ID = "combining"
	mark := "e" + strings.Repeat("\u0301\u0308", 200)
	it.Title = strings.Repeat(mark, 3)
	it.Summary = strings.Repeat(mark+" ", 60)
	it.Prose = prose(it.Title, it.Summary)
	return it
}

func noLocale() *content.Item {
	it := productEN()
	it.ID, it.Locale, it.File = "no-locale", "", "content/no-locale.md"
	return it
}
