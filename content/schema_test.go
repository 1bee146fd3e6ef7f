package content

import (
	"strings"
	"testing"
)

// fm builds an item file: four valid fields on lines 2-5, then extra
// front-matter lines from line 6, then a one-line body.
func fm(extra string) string {
	return "---\nid: spring-sale\ntype: article\ntitle: Spring\nsummary: Sale\n" + extra + "---\nBody.\n"
}

// promo is fm for a promotion with an offer; extra starts on line 10.
func promo(extra string) string {
	return strings.Replace(fm("offer:\n  price: \"79.99\"\n  currency: USD\n  code: SPRING25\n"+extra), "type: article", "type: promotion", 1)
}

func TestSchemaFindings(t *testing.T) {
	const f = "content/a.md"
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"valid", fm(""), nil},
		{"unknown key with hint", fm("offre: x\n"),
			[]string{f + `:6:1: error schema.offre: unknown key "offre" (did you mean "offer"?)`}},
		{"unknown key without hint", fm("colour: red\n"),
			[]string{f + `:6:1: error schema.colour: unknown key "colour" (known: id, type, title, summary, locale, publish, expire, tags, channels, offer, cta, image, event, overrides)`}},
		{"unknown nested key", promo("  prise: 3\n"),
			[]string{f + `:10:3: error schema.offer.prise: unknown key "prise" (did you mean "price"?)`}},
		{"case slip", fm("Title: x\n"),
			[]string{f + `:6:1: error schema.title: unknown key "Title" (did you mean "title"?)`}},
		{"duplicate key", fm("title: Again\n"),
			[]string{f + `:6:1: error schema.title: key "title" appears twice (first on line 4)`}},
		{"title is a list", strings.Replace(fm(""), "title: Spring", "title: [a, b]", 1),
			[]string{f + `:4:8: error schema.title: title must be text, got a list`}},
		{"offer is text", strings.Replace(fm("offer: cheap\n"), "type: article", "type: promotion", 1),
			[]string{f + `:6:8: error schema.offer: offer must be a mapping of keys to values, got "cheap"`}},
		{"tags not a list", fm("tags: sale\n"),
			[]string{f + `:6:7: error schema.tags: tags must be a list, got "sale"`}},
		{"empty tag", fm("tags: [sale, \"\"]\n"),
			[]string{f + `:6:14: error schema.tags: tags[1] is required`}},
		{"price not decimal", strings.Replace(promo(""), `"79.99"`, "abc", 1),
			[]string{f + `:7:10: error schema.offer.price: offer.price must be a positive decimal like 79.99, got "abc"`}},
		{"price four decimals", strings.Replace(promo(""), `"79.99"`, "79.9999", 1), nil},
		{"price five decimals", strings.Replace(promo(""), `"79.99"`, "79.99999", 1),
			[]string{f + `:7:10: error schema.offer.price: offer.price must be a positive decimal like 79.99, got "79.99999"`}},
		{"price zero", strings.Replace(promo(""), `"79.99"`, "0.00", 1),
			[]string{f + `:7:10: error schema.offer.price: offer.price must be a positive decimal like 79.99, got "0.00"`}},
		{"price missing", strings.Replace(promo(""), "  price: \"79.99\"\n", "", 1),
			[]string{f + `:7:3: error schema.offer.price: offer.price is required`}},
		{"currency", strings.Replace(promo(""), "USD", "dollars", 1),
			[]string{f + `:8:13: error schema.offer.currency: offer.currency must be an ISO 4217 currency code like USD, EUR or CNY, got "dollars"`}},
		{"promo code", strings.Replace(promo(""), "SPRING25", "spring", 1),
			[]string{f + `:9:9: error schema.offer.code: offer.code must be 3 to 32 capital letters, digits, hyphens or underscores, like SPRING25, got "spring"`}},
		{"was below price", promo("  was: 50.00\n"),
			[]string{f + `:10:8: error schema.offer.was: offer.was (50.00) must be more than offer.price (79.99)`}},
		{"was equal in other spelling", promo("  was: 079.990\n"),
			[]string{f + `:10:8: error schema.offer.was: offer.was (079.990) must be more than offer.price (79.99)`}},
		{"was above price", promo("  was: \"100\"\n  ends: 2025-04-30\n"), nil},
		{"offer.ends not a date", promo("  ends: soon\n"),
			[]string{f + `:10:9: error schema.offer.ends: offer.ends must be a date like 2025-03-01 or 2025-03-01T09:00:00Z, got "soon"`}},
		{"slug", strings.Replace(fm(""), "id: spring-sale", "id: Spring Sale", 1),
			[]string{f + `:2:5: error schema.id: id must be lowercase letters and digits joined by single hyphens, like spring-sale, got "Spring Sale"`}},
		{"slug double hyphen", strings.Replace(fm(""), "id: spring-sale", "id: spring--sale", 1),
			[]string{f + `:2:5: error schema.id: id must be lowercase letters and digits joined by single hyphens, like spring-sale, got "spring--sale"`}},
		{"locale spelling", fm("locale: en-us\n"),
			[]string{f + `:6:9: error schema.locale: locale must be written "en-US", got "en-us"`}},
		{"locale nonsense", fm("locale: english\n"),
			[]string{f + `:6:9: error schema.locale: locale must be a BCP 47 language tag like en-US, zh-CN or el-GR, got "english"`}},
		{"type", strings.Replace(fm(""), "type: article", "type: blog", 1),
			[]string{f + `:3:7: error schema.type: type must be one of promotion, product, article, announcement, event, faq, got "blog"`}},
		{"publish not a date", fm("publish: next week\n"),
			[]string{f + `:6:10: error schema.publish: publish must be a date like 2025-03-01 or 2025-03-01T09:00:00Z, got "next week"`}},
		{"expire before publish", fm("publish: 2025-03-10\nexpire: 2025-03-01T12:00:00Z\n"),
			[]string{f + `:7:9: error schema.expire: expire (2025-03-01T12:00:00Z) must be after publish (2025-03-10)`}},
		{"promotion without offer", strings.Replace(fm(""), "type: article", "type: promotion", 1),
			[]string{f + `:3:7: error schema.offer: a promotion needs an offer with a price and a currency`}},
		{"product without offer", strings.Replace(fm(""), "type: article", "type: product", 1),
			[]string{f + `:3:7: error schema.offer: a product needs an offer with a price and a currency`}},
		{"event without event", strings.Replace(fm(""), "type: article", "type: event", 1),
			[]string{f + `:3:7: error schema.event: an event needs event.starts`}},
		{"event without starts", strings.Replace(fm("event:\n  venue: Hall\n"), "type: article", "type: event", 1),
			[]string{f + `:7:3: error schema.event.starts: event.starts is required`}},
		{"event ends before starts", strings.Replace(fm("event:\n  starts: 2025-05-01T18:00:00Z\n  ends: 2025-05-01T17:00:00Z\n"), "type: article", "type: event", 1),
			[]string{f + `:8:9: error schema.event.ends: event.ends (2025-05-01T17:00:00Z) must be after event.starts (2025-05-01T18:00:00Z)`}},
		{"cta url", fm("cta:\n  label: Shop\n  url: shop now\n"),
			[]string{f + `:8:8: error schema.cta.url: cta.url must be an absolute URL like https://example.com/sale, got "shop now"`}},
		{"image without alt", fm("image:\n  src: /a.jpg\n"),
			[]string{f + `:7:3: error schema.image.alt: image.alt is required`}},
		{"title misspelt", strings.Replace(fm(""), "title: Spring", "titel: Spring", 1),
			[]string{
				f + `:1:1: error schema.title: title is required`,
				f + `:4:1: error schema.titel: unknown key "titel" (did you mean "title"?)`,
			}},
		{"title missing", strings.Replace(fm(""), "title: Spring\n", "", 1),
			[]string{f + `:1:1: error schema.title: title is required`}},
		{"title null", strings.Replace(fm(""), "title: Spring", "title:", 1),
			[]string{f + `:4:7: error schema.title: title is required`}},
		{"unknown channel", fm("channels: [x, tiktok]\n"),
			[]string{f + `:6:15: error schema.channels: unknown channel "tiktok" (known: app, bluesky, email, push, sms, web, x)`}},
		{"channel typo", fm("channels: [emial]\n"),
			[]string{f + `:6:12: error schema.channels: unknown channel "emial" (did you mean "email"? known: app, bluesky, email, push, sms, web, x)`}},
		{"override channel", fm("overrides:\n  tiktok:\n    text: hi\n"),
			[]string{f + `:7:3: error schema.overrides: unknown channel "tiktok" (known: app, bluesky, email, push, sms, web, x)`}},
		{"override field", fm("overrides:\n  x:\n    titel: hi\n"),
			[]string{f + `:8:5: error schema.overrides.x: unknown field "titel" (did you mean "title"?)`}},
		{"override value not text", fm("overrides:\n  x:\n    text: [a]\n"),
			[]string{f + `:8:11: error schema.overrides.x.text: overrides.x.text must be text, got a list`}},
		{"yaml syntax", fm("summary: [unclosed\n"),
			[]string{f + `:6:10: error yaml.syntax: YAML syntax: did not find expected ',' or ']'`}}, // at the open bracket
		{"yaml tab", fm("\tfoo: bar\n"),
			// yaml.v3 names the line of the scalar the tab interrupts;
			// the finding points at the tab.
			[]string{f + `:6:1: error yaml.syntax: YAML syntax: found a tab character that violates indentation`}},
		{"yaml bad indent", fm("cta:\n  label: a\n url: b\n"),
			[]string{f + `:8:2: error yaml.syntax: YAML syntax: did not find expected key`}},
		{"yaml brace left open", fm("cta: {label: a, url: b\n"),
			[]string{f + `:6:6: error yaml.syntax: YAML syntax: did not find expected ',' or '}'`}},
		{"yaml list left open lines above", fm("tags: [a,\n  b,\n  c\nchannels: [x]\n"),
			[]string{f + `:6:7: error yaml.syntax: YAML syntax: did not find expected ',' or ']'`}},
		{"yaml colon in a plain value", fm("summary: Save now: 20% off\n"),
			[]string{f + `:6:18: error yaml.syntax: YAML syntax: mapping values are not allowed in this context`}},
		{"front matter is a list", "---\n- a\n- b\n---\nBody\n",
			[]string{f + `:2:1: error schema.document: the document must be a mapping of keys to values, got a list`}},
		{"empty front matter", "---\n---\nBody\n",
			[]string{
				f + `:1:1: error schema.id: id is required`,
				f + `:1:1: error schema.summary: summary is required`,
				f + `:1:1: error schema.title: title is required`,
				f + `:1:1: error schema.type: type is required`,
			}},
		{"no front matter", "# Title\n\nBody\n",
			[]string{f + `:1:1: error file.front_matter: missing front matter: the file must start with a line "---", the YAML fields, and a closing "---"`}},
		{"front matter not closed", "---\nid: a\n",
			[]string{f + `:1:1: error file.front_matter: front matter is not closed: add a line "---" after the YAML fields`}},
		{"empty file", "",
			[]string{f + `:1:1: error file.front_matter: missing front matter: the file must start with a line "---", the YAML fields, and a closing "---"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := loadFiles(t, map[string]string{f: tt.file})
			got := findingStrings(ws.Findings)
			diffLines(t, got, tt.want)
			if len(tt.want) == 0 && len(ws.Items) != 1 {
				t.Errorf("got %d items, want the valid item", len(ws.Items))
			}
			if len(tt.want) > 0 && len(ws.Items) != 0 {
				t.Errorf("an item with schema errors was kept")
			}
		})
	}
}

func TestMergeKeys(t *testing.T) {
	ws := loadFiles(t, map[string]string{"content/a.md": fm("overrides:\n  x: &o\n    text: Hi\n  sms:\n    <<: *o\n    title: Yo\n")})
	diffLines(t, findingStrings(ws.Findings), nil)
	if len(ws.Items) != 1 {
		t.Fatal("item dropped")
	}
	got := ws.Items[0].Overrides["sms"]
	if len(got) != 2 || got["text"] != "Hi" || got["title"] != "Yo" {
		t.Errorf("overrides.sms = %v, want text Hi and title Yo", got)
	}
}

func TestFindingsNameTheItem(t *testing.T) {
	ws := loadFiles(t, map[string]string{"content/a.md": fm("offre: x\n")})
	if len(ws.Findings) != 1 || ws.Findings[0].Item != "spring-sale" {
		t.Fatalf("findings = %+v, want one naming item spring-sale", ws.Findings)
	}
}
