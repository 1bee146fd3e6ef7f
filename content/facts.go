package content

import "time"

// Facts are the values every channel must state alike: price, code, dates
// and link. An empty field means the fact is absent. Prices stay decimal
// strings; dates are RFC 3339 in UTC.
type Facts struct {
	Price    string `json:"price,omitempty"`
	Currency string `json:"currency,omitempty"`
	Was      string `json:"was,omitempty"`
	Code     string `json:"code,omitempty"`
	Starts   string `json:"starts,omitempty"`
	Ends     string `json:"ends,omitempty"`
	URL      string `json:"url,omitempty"`
	// Publish is when the item goes live. It is not a fact a variant
	// declares, but text may state it ("on sale from March 20"), so the
	// fact check accepts it.
	Publish string `json:"-"`
}

// Facts returns the item's canonical facts, taken from its front matter.
// For a promotion, Ends is the offer's end; for an event, Starts and Ends
// are the event's.
func (it *Item) Facts() Facts {
	var f Facts
	if o := it.Offer; o != nil {
		f.Price, f.Currency, f.Was, f.Code = o.Price, o.Currency, o.Was, o.Code
		f.Ends = stamp(o.Ends)
	}
	if e := it.Event; e != nil {
		f.Starts = stamp(e.Starts)
		if e.Ends != nil {
			f.Ends = stamp(e.Ends)
		}
	}
	if it.CTA != nil {
		f.URL = it.CTA.URL
	}
	f.Publish = stamp(it.Publish)
	return f
}

func stamp(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
