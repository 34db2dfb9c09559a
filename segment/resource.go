package segment

import (
	"strconv"

	"github.com/otelxray/otelxray/internal/origin"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Origins X-Ray accepts on segments, set from the resource's cloud.platform.
const (
	OriginEC2          = origin.EC2
	OriginECSContainer = origin.ECSContainer
	OriginECSEC2       = origin.ECSEC2
	OriginECSFargate   = origin.ECSFargate
	OriginEKS          = origin.EKS
	OriginBeanstalk    = origin.Beanstalk
	OriginAppRunner    = origin.AppRunner
)

// resourceInfo is what a resource contributes to segments, computed once per
// resource (a TracerProvider has one).
type resourceInfo struct {
	res         *resource.Resource
	serviceName string
	version     string
	origin      string
	aws         *AWS
	metadata    []KeyValue
}

func (t *Translator) resourceInfo(s sdktrace.ReadOnlySpan) *resourceInfo {
	r := s.Resource()
	if ri := t.resource.Load(); ri != nil && ri.res == r {
		return ri
	}
	ri := newResourceInfo(r)
	t.resource.Store(ri)
	return ri
}

func newResourceInfo(r *resource.Resource) *resourceInfo {
	ri := &resourceInfo{res: r}
	if r == nil {
		return ri
	}
	get := func(k string) string {
		v, ok := r.Set().Value(attribute.Key(k))
		if !ok || v.Type() != attribute.STRING {
			return ""
		}
		return v.AsString()
	}
	ri.serviceName = get("service.name")
	ri.version = get("service.version")
	x := &AWS{Retries: -1, AccountID: get("cloud.account.id")}
	switch get("cloud.platform") {
	case "aws_ec2":
		ri.origin = OriginEC2
		x.EC2 = &AWSEC2{InstanceID: get("host.id"), AvailabilityZone: get("cloud.availability_zone"),
			InstanceSize: get("host.type"), AMIID: get("host.image.id")}
	case "aws_ecs":
		switch get("aws.ecs.launchtype") {
		case "fargate":
			ri.origin = OriginECSFargate
		case "ec2":
			ri.origin = OriginECSEC2
		default:
			ri.origin = OriginECSContainer
		}
		x.ECS = &AWSECS{Container: firstNonEmpty(get("container.name"), get("host.name")), ContainerID: get("container.id"),
			ContainerARN: get("aws.ecs.container.arn"), ClusterARN: get("aws.ecs.cluster.arn"),
			TaskARN: get("aws.ecs.task.arn"), TaskFamily: get("aws.ecs.task.family"),
			LaunchType: get("aws.ecs.launchtype"), AvailabilityZone: get("cloud.availability_zone")}
	case "aws_eks":
		ri.origin = OriginEKS
		x.EKS = &AWSEKS{ClusterName: get("k8s.cluster.name"), Pod: get("k8s.pod.name"), ContainerID: get("container.id")}
	case "aws_elastic_beanstalk":
		ri.origin = OriginBeanstalk
		eb := &AWSElasticBeanstalk{EnvironmentName: get("service.namespace"), VersionLabel: get("service.version")}
		eb.DeploymentID, _ = strconv.ParseInt(get("service.instance.id"), 10, 64)
		x.ElasticBeanstalk = eb
	case "aws_app_runner":
		ri.origin = OriginAppRunner
	}
	if sdk := get("telemetry.sdk.name"); sdk != "" {
		if lang := get("telemetry.sdk.language"); lang != "" {
			sdk += " for " + lang
		}
		x.XRay = &AWSXRay{SDK: sdk, SDKVersion: get("telemetry.sdk.version")}
	}
	var ns, as []string
	if v, ok := r.Set().Value("aws.log.group.names"); ok && v.Type() == attribute.STRINGSLICE {
		ns = v.AsStringSlice()
	}
	if v, ok := r.Set().Value("aws.log.group.arns"); ok && v.Type() == attribute.STRINGSLICE {
		as = v.AsStringSlice()
	}
	for i := 0; i < len(ns) || i < len(as); i++ {
		var g LogGroup
		if i < len(ns) {
			g.Name = ns[i]
		}
		if i < len(as) {
			g.ARN = as[i]
		}
		x.LogGroups = append(x.LogGroups, g)
	}
	if x.AccountID != "" || x.EC2 != nil || x.ECS != nil || x.EKS != nil || x.ElasticBeanstalk != nil || x.XRay != nil || len(x.LogGroups) > 0 {
		ri.aws = x
	}
	for _, kv := range r.Attributes() {
		ri.metadata = append(ri.metadata, KeyValue{Key: "otel.resource." + string(kv.Key), Value: scrubValue(nil, string(kv.Key), kv.Value)})
	}
	return ri
}
