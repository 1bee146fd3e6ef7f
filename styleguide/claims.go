package styleguide

import (
	"fmt"
	"slices"
	"sort"

	"github.com/chorus-dev/chorus/content"
	"gopkg.in/yaml.v3"
)

// claimRule requires a disclaimer wherever a claim is made: the trigger
// may only appear in an item (or variant) that also carries the
// disclaimer's text, compared without regard to case or spacing.
type claimRule struct {
	h          ruleHead
	disclaimer string
}

func (c *claimRule) head() *ruleHead { return &c.h }

// pendingClaim waits for every disclaimer to be known.
type pendingClaim struct {
	rule    *claimRule
	dn      *node // the disclaimer: value
	path    string
	phrase  *node
	pattern *node
}

func decodeDisclaimers(b *builder, n *node, path string) {
	d := &b.c.d
	if n.kind() != yaml.MappingNode {
		d.errorf(n, path, "disclaimers must be a mapping of id to text, not %s", kindName(n))
		return
	}
	for _, e := range n.keys {
		if !ruleIDPart.MatchString(e.name) {
			d.errorf(e.key, path, "disclaimer id %q must be lowercase letters, digits, '-' or '_'", e.name)
			continue
		}
		text, ok := d.str(e.val, joinPath(path, e.name))
		if !ok {
			continue
		}
		b.rs.disclaimers[e.name] = disclaimer{text: text, norm: normAppend(b.c.sc, nil, text)}
	}
}

func decodeClaims(b *builder, n *node, path string) {
	d := &b.c.d
	for _, e := range d.list(n, path) {
		if !d.mapping(e, path, "trigger", "pattern", "disclaimer", "severity", "only") {
			continue
		}
		tn, pn := e.get("trigger"), e.get("pattern")
		if (tn == nil) == (pn == nil) {
			d.errorf(e, path, "a claim needs exactly one of trigger: or pattern:")
			continue
		}
		dn := e.get("disclaimer")
		if dn == nil {
			d.errorf(e, path, "a claim needs disclaimer: the id of the text it requires")
			continue
		}
		id, ok := d.str(dn, path+".disclaimer")
		if !ok {
			continue
		}
		if tn != nil {
			if _, ok := d.str(tn, path+".trigger"); !ok {
				continue
			}
		} else if _, ok := d.str(pn, path+".pattern"); !ok {
			continue
		}
		r := &claimRule{h: b.head(e, path, "claims."+slug(id), content.Error), disclaimer: id}
		b.claims = append(b.claims, pendingClaim{rule: r, dn: dn, path: path, phrase: tn, pattern: pn})
	}
}

// finishClaims files the claims whose disclaimer exists.
func (b *builder) finishClaims() {
	d := &b.c.d
	for _, pc := range b.claims {
		if _, ok := b.rs.disclaimers[pc.rule.disclaimer]; !ok {
			known := make([]string, 0, len(b.rs.disclaimers))
			for k := range b.rs.disclaimers {
				known = append(known, k)
			}
			sort.Strings(known)
			d.errorf(pc.dn, pc.path+".disclaimer", "unknown disclaimer %q%s", pc.rule.disclaimer, hint(pc.rule.disclaimer, known))
			continue
		}
		if pc.phrase != nil {
			if !b.phrase(pc.rule, pc.phrase.y.Value) {
				d.errorf(pc.phrase, pc.path+".trigger", "trigger %q has no words to match", pc.phrase.y.Value)
			}
			continue
		}
		b.pattern(pc.rule, pc.pattern, pc.path+".pattern")
	}
}

func (c *claimRule) hit(r *run, b *block, start, end int) {
	if !r.applies(&c.h, b) || r.linked {
		return
	}
	dis := r.rs.disclaimers[c.disclaimer]
	if len(dis.norm) == 0 || r.hasText(dis.norm) {
		return
	}
	if r.collect != nil {
		if !slices.Contains(r.collect, dis.text) {
			r.collect = append(r.collect, dis.text)
		}
		return
	}
	msg := fmt.Sprintf("%q needs the disclaimer %q", b.text[start:end], dis.text)
	r.report(&c.h, b, start, end, msg, nil, dedupNone)
}
