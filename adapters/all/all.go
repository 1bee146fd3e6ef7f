// Package all holds the one registry table of channel adapters.
package all

import (
	"fmt"
	"sort"
	"strings"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/app"
	"github.com/chorus-dev/chorus/adapters/bluesky"
	"github.com/chorus-dev/chorus/adapters/chat"
	"github.com/chorus-dev/chorus/adapters/email"
	"github.com/chorus-dev/chorus/adapters/facebook"
	"github.com/chorus-dev/chorus/adapters/instagram"
	"github.com/chorus-dev/chorus/adapters/linkedin"
	"github.com/chorus-dev/chorus/adapters/mastodon"
	"github.com/chorus-dev/chorus/adapters/push"
	"github.com/chorus-dev/chorus/adapters/signage"
	"github.com/chorus-dev/chorus/adapters/sms"
	"github.com/chorus-dev/chorus/adapters/threads"
	"github.com/chorus-dev/chorus/adapters/voice"
	"github.com/chorus-dev/chorus/adapters/web"
	"github.com/chorus-dev/chorus/adapters/x"
)

// registry is the one table of channels, in the order they are listed.
// A new channel is a new package under adapters/ and one line here.
var registry = []adapters.Adapter{
	web.New(),
	email.New(),
	x.New(),
	mastodon.New(),
	bluesky.New(),
	threads.New(),
	instagram.New(),
	facebook.New(),
	linkedin.New(),
	sms.New(),
	push.New(),
	voice.New(),
	signage.New(),
	chat.New(),
	app.New(),
}

// Adapters returns every registered adapter, in registry order.
func Adapters() []adapters.Adapter { return append([]adapters.Adapter(nil), registry...) }

// IDs returns every channel id, in registry order.
func IDs() []string {
	ids := make([]string, len(registry))
	for i, a := range registry {
		ids[i] = a.ID()
	}
	return ids
}

// Lookup finds an adapter by channel id. An unknown id gets an error that
// lists the known ones.
func Lookup(id string) (adapters.Adapter, error) {
	for _, a := range registry {
		if a.ID() == id {
			return a, nil
		}
	}
	known := IDs()
	sort.Strings(known)
	return nil, fmt.Errorf("unknown channel %q (known: %s)", id, strings.Join(known, ", "))
}
