package styleguide

import (
	"slices"

	"gopkg.in/yaml.v3"
)

// channelSettings are what the style guide says about one channel; zero
// or -1 fields fall back to the defaults in Guide.Channel.
type channelSettings struct {
	cta         string
	maxHashtags int    // -1: default
	subjectMax  int    // 0: default
	disclaimers string // "": default
}

// Where a claim's disclaimer is carried on a channel (ChannelRules.Disclaimers).
const (
	// DisclaimersText: in the variant's own text, the default.
	DisclaimersText = "text"
	// DisclaimersLink: on the landing page the variant links to, for
	// channels too short to carry the terms.
	DisclaimersLink = "link"
)

var disclaimerModes = []string{DisclaimersText, DisclaimersLink}

// defaultCTA is the call-to-action verb for a channel the style guide
// does not set: how a reader acts on that channel.
func defaultCTA(channel string) string {
	switch channel {
	case "web", "email":
		return "Click"
	case "push", "app", "chat":
		return "Tap"
	case "voice":
		return "Say"
	case "sms":
		return "Reply"
	case "signage":
		return "Scan"
	}
	return "Visit"
}

func decodeChannels(b *builder, n *node, path string) {
	d := &b.c.d
	if n.kind() != yaml.MappingNode {
		d.errorf(n, path, "channels must be a mapping of channel id to settings, not %s", kindName(n))
		return
	}
	for _, e := range n.keys {
		p := joinPath(path, e.name)
		if !d.channel(e.key, path, e.name) {
			continue
		}
		s := channelSettings{maxHashtags: -1}
		if e.val.null() {
			continue
		}
		if !d.mapping(e.val, p, "cta", "max_hashtags", "subject_max", "disclaimers") {
			continue
		}
		if v := e.val.get("cta"); v != nil {
			s.cta, _ = d.str(v, p+".cta")
		}
		if v := e.val.get("max_hashtags"); v != nil {
			if m, ok := d.integer(v, p+".max_hashtags", 0); ok {
				s.maxHashtags = m
			}
		}
		if v := e.val.get("subject_max"); v != nil {
			s.subjectMax, _ = d.integer(v, p+".subject_max", 1)
		}
		if v := e.val.get("disclaimers"); v != nil {
			if m, ok := d.str(v, p+".disclaimers"); ok {
				if slices.Contains(disclaimerModes, m) {
					s.disclaimers = m
				} else {
					d.errorf(v, p+".disclaimers", "unknown disclaimers setting %q%s", m, hint(m, disclaimerModes))
				}
			}
		}
		b.g.channels[e.name] = s
	}
}
