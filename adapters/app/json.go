package app

import "github.com/chorus-dev/chorus/adapters"

// appendDoc appends d as json.MarshalIndent(d, "", "  ") writes it, in
// one pass and without reflection: the members in field order, the
// omitempty ones left out when empty, strings escaped as json.Marshal
// escapes them (HTML included), empty lists and objects as [] and {}.
func appendDoc(b []byte, d *Doc) []byte {
	w := docWriter{b: b}
	w.object(func(m *members) {
		m.str("id", d.ID, false)
		m.str("type", d.Type, false)
		m.str("locale", d.Locale, false)
		m.str("title", d.Title, false)
		m.str("summary", d.Summary, false)
		if o := d.Offer; o != nil {
			m.key("offer")
			w.object(func(m *members) {
				m.str("price", o.Price, true)
				m.str("currency", o.Currency, true)
				m.str("was", o.Was, true)
				m.str("code", o.Code, true)
				m.str("ends", o.Ends, true)
				m.str("price_display", o.PriceDisplay, true)
				m.str("was_display", o.WasDisplay, true)
				m.str("code_display", o.CodeDisplay, true)
				m.str("ends_display", o.EndsDisplay, true)
			})
		}
		if e := d.Event; e != nil {
			m.key("event")
			w.object(func(m *members) {
				m.str("starts", e.Starts, false)
				m.str("ends", e.Ends, true)
				m.str("venue", e.Venue, true)
				m.str("when_display", e.WhenDisplay, false)
			})
		}
		if c := d.CTA; c != nil {
			m.key("cta")
			w.object(func(m *members) {
				m.str("label", c.Label, false)
				m.str("url", c.URL, false)
			})
		}
		if im := d.Image; im != nil {
			m.key("image")
			w.object(func(m *members) {
				m.str("url", im.URL, false)
				m.str("alt", im.Alt, false)
			})
		}
		m.key("tags")
		w.strings(d.Tags)
		m.str("publish", d.Publish, true)
		m.str("expire", d.Expire, true)
		m.str("html", d.HTML, false)
		m.str("text", d.Text, false)
		if len(d.Disclaimers) > 0 {
			m.key("disclaimers")
			w.strings(d.Disclaimers)
		}
	})
	return w.b
}

// docWriter appends indented JSON to b.
type docWriter struct {
	b     []byte
	depth int
}

// members writes the members of one object.
type members struct {
	w *docWriter
	n int // members written so far
}

func (w *docWriter) newline() {
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, "  "...)
	}
}

// object writes an object whose members fill writes.
func (w *docWriter) object(fill func(*members)) {
	w.b = append(w.b, '{')
	w.depth++
	m := members{w: w}
	fill(&m)
	w.depth--
	if m.n > 0 {
		w.newline()
	}
	w.b = append(w.b, '}')
}

// strings writes a list of strings; nil is null.
func (w *docWriter) strings(ss []string) {
	if ss == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.b = append(w.b, '[')
	w.depth++
	for i, s := range ss {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.newline()
		w.b = adapters.AppendJSONString(w.b, s, true)
	}
	w.depth--
	if len(ss) > 0 {
		w.newline()
	}
	w.b = append(w.b, ']')
}

// key starts a member; k needs no escaping.
func (m *members) key(k string) {
	w := m.w
	if m.n > 0 {
		w.b = append(w.b, ',')
	}
	m.n++
	w.newline()
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, `": `...)
}

// str writes a string member, none when omitEmpty and v is "".
func (m *members) str(k, v string, omitEmpty bool) {
	if omitEmpty && v == "" {
		return
	}
	m.key(k)
	m.w.b = adapters.AppendJSONString(m.w.b, v, true)
}
