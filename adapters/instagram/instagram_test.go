package instagram_test

import (
	"flag"
	"testing"

	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/instagram"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, instagram.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, instagram.New(), *update) }
