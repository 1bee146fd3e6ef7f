package main

import (
	"context"

	"github.com/chorus-dev/chorus/content"
	"github.com/chorus-dev/chorus/site"
	"github.com/chorus-dev/chorus/styleguide"
)

// Variant-level findings in `chorus check` come from the same code that
// `chorus build` runs, over every registered channel.
func init() {
	variantFindings = func(ctx context.Context, ws *content.Workspace, g *styleguide.Guide) []content.Finding {
		return site.CheckVariants(ctx, ws, g, nil)
	}
}
