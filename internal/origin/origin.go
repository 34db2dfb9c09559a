// Package origin is the one list of the origins X-Ray accepts on a segment
// (the "origin" field: the kind of AWS resource the service runs on), for
// the translator that sets them, the validator that checks them and
// xraylocal that labels them.
package origin

// Origins X-Ray accepts on segments. SDKs set the first seven; Lambda itself
// sets the last two on the segments it sends for a traced function.
const (
	EC2            = "AWS::EC2::Instance"
	ECSContainer   = "AWS::ECS::Container"
	ECSEC2         = "AWS::ECS::EC2"
	ECSFargate     = "AWS::ECS::Fargate"
	EKS            = "AWS::EKS::Container"
	Beanstalk      = "AWS::ElasticBeanstalk::Environment"
	AppRunner      = "AWS::AppRunner::Service"
	Lambda         = "AWS::Lambda"
	LambdaFunction = "AWS::Lambda::Function"
)

// label names each origin for people. It is a switch, not a map, so that
// linking the package costs the process no init at start.
func label(o string) string {
	switch o {
	case EC2:
		return "EC2 instance"
	case ECSContainer:
		return "ECS container"
	case ECSEC2:
		return "ECS on EC2"
	case ECSFargate:
		return "Fargate"
	case EKS:
		return "EKS container"
	case Beanstalk:
		return "Elastic Beanstalk"
	case AppRunner:
		return "App Runner"
	case Lambda:
		return "Lambda"
	case LambdaFunction:
		return "Lambda function"
	}
	return ""
}

// All returns every origin X-Ray accepts, in the order of the constants.
func All() []string {
	return []string{EC2, ECSContainer, ECSEC2, ECSFargate, EKS, Beanstalk, AppRunner, Lambda, LambdaFunction}
}

// Known reports whether X-Ray accepts o as a segment's origin.
func Known(o string) bool { return label(o) != "" }

// Label returns the name people know origin o by, and whether o is known.
func Label(o string) (string, bool) {
	l := label(o)
	return l, l != ""
}
