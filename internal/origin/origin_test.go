package origin

import "testing"

func TestKnownAndLabel(t *testing.T) {
	for _, o := range []string{EC2, ECSContainer, ECSEC2, ECSFargate, EKS, Beanstalk, AppRunner, Lambda, LambdaFunction} {
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
