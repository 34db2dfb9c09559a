package origin

import "testing"

func TestKnownAndLabel(t *testing.T) {
	if len(All()) != len(labels) {
		t.Errorf("All lists %d origins, labels %d", len(All()), len(labels))
	}
	for _, o := range All() {
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
