package origin

import "testing"

func TestKnownAndLabel(t *testing.T) {
	seen := map[string]bool{}
	for _, o := range All() {
		if seen[o] {
			t.Errorf("All lists %s twice", o)
		}
		seen[o] = true
		if !Known(o) {
			t.Errorf("%s is not known", o)
		}
		if l, ok := Label(o); !ok || l == "" {
			t.Errorf("%s has no label", o)
		}
	}
	for _, o := range []string{"", "AWS::EC2", "aws::ec2::instance", "AWS::DynamoDB::Table"} {
		if Known(o) {
			t.Errorf("%q is known", o)
		}
	}
}
