// Package threads renders items for the threads channel.
package threads

import "github.com/chorus-dev/chorus/adapters"

// Adapter renders the threads channel.
type Adapter struct{}

var _ adapters.Adapter = (*Adapter)(nil)

// New returns the threads adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "threads".
func (*Adapter) ID() string { return "threads" }

// Limits lists the channel's limits.
func (*Adapter) Limits() []adapters.Limit { return nil }

// Render builds the variant.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	text, _ := adapters.SourceText(in, a.ID(), "text")
	v := &adapters.Variant{Channel: a.ID(), MediaType: "text/plain; charset=utf-8", Body: text, Ext: ".txt",
		Fields: map[string]any{"text": text}, Facts: in.Item.Facts()}
	return adapters.Finish(in, v), nil
}
