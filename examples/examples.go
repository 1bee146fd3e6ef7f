// Package examples holds the demo workspaces that ship with Chorus.
//
// acme-outdoor is a complete workspace for a made-up outdoor gear brand:
// chorus.yaml, a style guide that uses every rule kind, and items of every
// type in three locales. The docs and `chorus serve` use it to show Chorus
// at work without a workspace of your own.
//
// broken is a tiny workspace with one of each kind of problem, so that the
// docs and tests can show what findings look like. It is not embedded.
package examples

import "embed"

// FS is the acme-outdoor demo workspace, embedded in the binary. Paths
// start with "acme-outdoor/", for example "acme-outdoor/chorus.yaml"; use
// fs.Sub to root it. As with every go:embed directory, files whose names
// start with '.' or '_' are left out.
//
//go:embed acme-outdoor
var FS embed.FS
