package adapters_test

import (
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/content"
)

func TestPerItem(t *testing.T) {
	p := adapters.PerItem[string]{Max: 2}
	calls := 0
	id := func(it *content.Item) string {
		calls++
		if it == nil {
			return "nil"
		}
		return it.ID
	}
	a, b, c := &content.Item{ID: "a"}, &content.Item{ID: "b"}, &content.Item{ID: "c"}
	for _, step := range []struct {
		it    *content.Item
		want  string
		calls int
	}{
		{a, "a", 1}, {a, "a", 1}, {b, "b", 2}, {a, "a", 2}, {b, "b", 2},
		{c, "c", 3}, // full: starts over with c
		{c, "c", 3}, {a, "a", 4},
		{nil, "nil", 5}, {nil, "nil", 6}, // nil is never remembered
	} {
		if got := p.Get(step.it, id); got != step.want || calls != step.calls {
			t.Fatalf("Get(%v) = %q after %d calls, want %q after %d", step.it, got, calls, step.want, step.calls)
		}
	}
}
