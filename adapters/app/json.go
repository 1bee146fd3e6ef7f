package app

import "github.com/chorus-dev/chorus/adapters"

// appendDoc appends d as json.MarshalIndent(d, "", "  ") writes it, in
// one pass and without reflection: the members in field order, the
// omitempty ones left out when empty, strings escaped as json.Marshal
// escapes them (HTML included), empty lists and objects as [] and {}.
func appendDoc(b []byte, d *Doc) []byte {
	w := adapters.NewJSONDoc(b)
	w.Object(func(m *adapters.JSONMembers) {
		m.String("id", d.ID, false)
		m.String("type", d.Type, false)
		m.String("locale", d.Locale, false)
		m.String("title", d.Title, false)
		m.String("summary", d.Summary, false)
		if o := d.Offer; o != nil {
			m.Key("offer")
			w.Object(func(m *adapters.JSONMembers) {
				m.String("price", o.Price, true)
				m.String("currency", o.Currency, true)
				m.String("was", o.Was, true)
				m.String("code", o.Code, true)
				m.String("ends", o.Ends, true)
				m.String("price_display", o.PriceDisplay, true)
				m.String("was_display", o.WasDisplay, true)
				m.String("code_display", o.CodeDisplay, true)
				m.String("ends_display", o.EndsDisplay, true)
			})
		}
		if e := d.Event; e != nil {
			m.Key("event")
			w.Object(func(m *adapters.JSONMembers) {
				m.String("starts", e.Starts, false)
				m.String("ends", e.Ends, true)
				m.String("venue", e.Venue, true)
				m.String("when_display", e.WhenDisplay, false)
			})
		}
		if c := d.CTA; c != nil {
			m.Key("cta")
			w.Object(func(m *adapters.JSONMembers) {
				m.String("label", c.Label, false)
				m.String("url", c.URL, false)
			})
		}
		if im := d.Image; im != nil {
			m.Key("image")
			w.Object(func(m *adapters.JSONMembers) {
				m.String("url", im.URL, false)
				m.String("alt", im.Alt, false)
			})
		}
		m.Key("tags")
		w.Strings(d.Tags)
		m.String("publish", d.Publish, true)
		m.String("expire", d.Expire, true)
		m.String("html", d.HTML, false)
		m.String("text", d.Text, false)
		if len(d.Disclaimers) > 0 {
			m.Key("disclaimers")
			w.Strings(d.Disclaimers)
		}
	})
	return w.Bytes()
}
