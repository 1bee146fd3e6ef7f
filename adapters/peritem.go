package adapters

import (
	"sync"

	"github.com/chorus-dev/chorus/content"
)

// PerItem remembers one value per item, for work that several channels
// would otherwise repeat on the same item: a build renders every channel
// of an item one after the other. Items must not change once loaded. It
// holds at most Max items (64 when Max is 0) and starts over when full,
// so it keeps only the items rendered last alive. The zero PerItem is
// ready to use and safe for concurrent use.
type PerItem[V any] struct {
	Max int

	mu sync.Mutex
	m  map[*content.Item]V
}

// Get returns the value remembered for it, or computes it with fn and
// remembers it. A nil it is not remembered.
func (p *PerItem[V]) Get(it *content.Item, fn func(*content.Item) V) V {
	if it == nil {
		return fn(it)
	}
	p.mu.Lock()
	v, ok := p.m[it]
	p.mu.Unlock()
	if ok {
		return v
	}
	v = fn(it)
	p.mu.Lock()
	max := p.Max
	if max <= 0 {
		max = 64
	}
	if p.m == nil || len(p.m) >= max {
		p.m = make(map[*content.Item]V, max)
	}
	p.m[it] = v
	p.mu.Unlock()
	return v
}
