package segment_test

import (
	"testing"

	"github.com/otelxray/otelxray/segment"
)

// FuzzParseGoStack checks that any text parses without panicking into
// frames with sane lines.
func FuzzParseGoStack(f *testing.F) {
	f.Add(goStack)
	f.Add("goroutine 1 [running]:\nmain.main()\n\t:0\n")
	f.Add("\t/x.go:-1 +0x1\nf()\n\t/x.go:99999999999999999999\n")
	f.Fuzz(func(t *testing.T, s string) {
		frames, truncated := segment.ParseGoStack(s)
		if len(frames) > segment.MaxStackFrames || truncated < 0 {
			t.Fatalf("%d frames, %d truncated", len(frames), truncated)
		}
		for _, fr := range frames {
			if fr.Line < 0 {
				t.Fatalf("negative line in %+v", fr)
			}
		}
	})
}
