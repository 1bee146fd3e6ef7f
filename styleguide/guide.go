package styleguide

import (
	"slices"
	"sort"

	"github.com/chorus-dev/chorus/content"
	"gopkg.in/yaml.v3"
)

// Guide is a compiled style guide. It is immutable and safe for concurrent
// use. The zero Guide (and a nil *Guide) has no rules.
type Guide struct {
	base     *ruleset
	locales  map[string]*ruleset // by locale key ("zh-cn", "el")
	channels map[string]channelSettings
	palette  Palette
	known    []string // known channel ids, sorted; nil when not given
}

// ChannelRules are the style guide's per-channel settings, defaults filled
// in.
type ChannelRules struct {
	CTA         string // the call-to-action verb: "Click", "Tap", "Say", "Reply", "Scan", "Visit"
	Emoji       bool   // emoji allowed on this channel
	MaxHashtags int    // most hashtags in one post (default 5)
	SubjectMax  int    // longest email subject, in characters (default 60)
	// Disclaimers says where a claim's disclaimer goes on this channel:
	// DisclaimersText (the default), in the variant; DisclaimersLink, on
	// the landing page a variant that states a link points to.
	Disclaimers string
}

// Options tune CompileWith.
type Options struct {
	// Channels are the known channel ids (the adapters registry). When
	// set, channel ids in the style guide are checked against it and
	// emoji allowed on all of them count as allowed everywhere.
	Channels []string
}

// Compile parses and merges the style guide files into one Guide. It
// always returns a usable Guide: rules with problems are dropped and each
// problem is a finding.
func Compile(files []*content.Source) (*Guide, []content.Finding) {
	return CompileWith(files, Options{})
}

// CompileWith is Compile with options.
func CompileWith(files []*content.Source, opts Options) (*Guide, []content.Finding) {
	c := &compiler{sc: newScratch()}
	g := &Guide{locales: map[string]*ruleset{}, channels: map[string]channelSettings{}}
	if len(opts.Channels) > 0 {
		g.known = slices.Clone(opts.Channels)
		sort.Strings(g.known)
		g.known = slices.Compact(g.known)
		c.d.channels = g.known
	}
	var root *node
	for _, f := range files {
		if f == nil {
			continue
		}
		if t := c.parse(f); t != nil {
			root = c.merge(root, t, true, "")
		}
	}
	if !root.null() && root.kind() != yaml.MappingNode {
		c.d.errorf(root, "", "the style guide must be a mapping of sections (terms, casing, ...), not %s", kindName(root))
		root = nil
	}
	g.base = c.section(g, root, true)

	// Locale sections: each is laid over the top level (and a region's
	// over its language's) and compiled into its own rule set.
	sections := map[string]*node{}
	if ln := root.get("locales"); !ln.null() {
		if ln.kind() != yaml.MappingNode {
			c.d.errorf(ln, "locales", "locales must be a mapping of locale to rules, not %s", kindName(ln))
		} else {
			for _, e := range ln.keys {
				key, ok := c.d.locale(e.key, "locales", e.name)
				if !ok {
					continue
				}
				sections[key] = c.merge(sections[key], e.val, true, "locales."+key)
			}
		}
	}
	shared := without(root, "locales", "palette", "channels")
	keys := make([]string, 0, len(sections))
	for k := range sections {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		sec := sections[key]
		if !sec.null() && sec.kind() != yaml.MappingNode {
			c.d.errorf(sec, "locales."+key, "locale section %s must be a mapping of rules, not %s", key, kindName(sec))
			continue
		}
		t := shared
		if lang := langOf(key); lang != key {
			if ls, ok := sections[lang]; ok && ls.kind() == yaml.MappingNode {
				t = c.merge(t, ls, false, "")
			}
		}
		t = c.merge(t, sec, false, "")
		g.locales[key] = c.section(g, t, false)
	}
	out := c.d.out
	content.SortFindings(out)
	return g, out
}

// without returns a mapping node without the given keys.
func without(n *node, keys ...string) *node {
	if n == nil || n.kind() != yaml.MappingNode {
		return nil
	}
	m := &node{src: n.src, y: n.y}
	for _, e := range n.keys {
		if !slices.Contains(keys, e.name) {
			m.keys = append(m.keys, e)
		}
	}
	return m
}

// compiler holds the state of one Compile.
type compiler struct {
	d  decoder
	sc *scratch
}

// section compiles one rule set from a mapping of rule sections. top is
// the top level, where palette, channels and locales are also allowed.
func (c *compiler) section(g *Guide, n *node, top bool) *ruleset {
	b := newBuilder(c, g, top)
	if !n.null() {
		known := make([]string, 0, len(kinds)+1)
		for _, k := range kinds {
			if top || !k.global {
				known = append(known, k.key)
			}
		}
		if top {
			known = append(known, "locales")
		}
		if !top && n.kind() == yaml.MappingNode {
			for _, e := range n.keys {
				for _, k := range kinds {
					if k.global && k.key == e.name {
						c.d.errorf(e.key, e.name, "%s is set for the whole guide, not per locale", e.name)
						known = append(known, e.name)
					}
				}
				if e.name == "locales" {
					c.d.errorf(e.key, e.name, "locale sections do not nest")
					known = append(known, e.name)
				}
			}
		}
		if c.d.mapping(n, "", known...) {
			for _, k := range kinds {
				if !top && k.global {
					continue
				}
				if v := n.get(k.key); !v.null() {
					k.decode(b, v, k.key)
				}
			}
		}
	}
	return b.finish()
}

// rulesFor returns the rule set for an item locale, given by its key: its
// own section's, its language's, or the top level's.
func (g *Guide) rulesFor(key string) *ruleset {
	if len(g.locales) > 0 {
		if rs, ok := g.locales[key]; ok {
			return rs
		}
		if rs, ok := g.locales[langOf(key)]; ok {
			return rs
		}
	}
	return g.base
}

// CheckItem runs every rule over an item's source prose and links. Rules
// scoped to channels run only on that channel's overrides
// (overrides.<channel>.*). Positions and fixes point into the item's file.
func (g *Guide) CheckItem(it *content.Item) []content.Finding {
	if g == nil || g.base == nil || it == nil {
		return nil
	}
	r := getRun(g, it, true, "")
	defer putRun(r)
	for i := range it.Prose {
		p := &it.Prose[i]
		r.addBlock(p, overrideChannel(p.Field))
	}
	r.check()
	return r.result()
}

// CheckText runs the rules that apply to channel over a rendered variant's
// texts (prose without a source). Findings sit at the override's line when
// the text is a writer's override ("overrides.*" field), else at the item's
// id; they carry the channel. What the source check already reported (the
// same words in the item's own prose) is not reported again, except claims,
// whose disclaimer must be in the variant itself.
func (g *Guide) CheckText(it *content.Item, channel string, texts []content.Prose) []content.Finding {
	return g.CheckVariantText(it, channel, texts, false)
}

// CheckVariantText is CheckText for a variant that may state a link to
// the item's landing page. When linked is true and the style guide
// carries disclaimers on the channel's landing page (channels.<id>.
// disclaimers: link), a claim in the variant needs no disclaimer in it.
func (g *Guide) CheckVariantText(it *content.Item, channel string, texts []content.Prose, linked bool) []content.Finding {
	if g == nil || g.base == nil || it == nil {
		return nil
	}
	r := getRun(g, it, false, channel)
	defer putRun(r)
	r.linked = linked && g.channels[channel].disclaimers == DisclaimersLink
	for i := range texts {
		r.addBlock(&texts[i], channel)
	}
	r.check()
	return r.result()
}

// Disclaimers returns the disclaimer texts that the claims in text need and
// text does not already carry, in the order of the claims, without
// repeats. Adapters use it to append what a short variant must say.
func (g *Guide) Disclaimers(it *content.Item, channel, text string) []string {
	if g == nil || g.base == nil || it == nil {
		return nil
	}
	r := getRun(g, it, false, channel)
	defer putRun(r)
	p := content.NewProse(nil, "text", content.FieldText, 0, text, nil)
	r.addBlock(&p, channel)
	r.collect = []string{}
	r.matchPhrases()
	return slices.Clone(r.collect)
}

// Channel returns the rules for one channel, defaults filled in.
func (g *Guide) Channel(id string) ChannelRules {
	cr := ChannelRules{CTA: defaultCTA(id), Emoji: true, MaxHashtags: 5, SubjectMax: 60, Disclaimers: DisclaimersText}
	if g == nil {
		return cr
	}
	if g.base != nil && g.base.emoji != nil {
		cr.Emoji = g.base.emoji.allowed(id)
	}
	if s, ok := g.channels[id]; ok {
		if s.cta != "" {
			cr.CTA = s.cta
		}
		if s.maxHashtags >= 0 {
			cr.MaxHashtags = s.maxHashtags
		}
		if s.subjectMax > 0 {
			cr.SubjectMax = s.subjectMax
		}
		if s.disclaimers != "" {
			cr.Disclaimers = s.disclaimers
		}
	}
	return cr
}

// Palette returns the brand's named colors.
func (g *Guide) Palette() Palette {
	if g == nil {
		return Palette{Colors: map[string]string{}}
	}
	return g.palette.clone()
}
