package wire

import (
	"github.com/otelxray/otelxray/segment"
)

// appendAWS appends the aws object: the call's members on a subsegment, the
// resource's (ec2, ecs, eks, elastic_beanstalk, xray, cloudwatch_logs) on a
// segment. The caller drops an object that stays empty.
func appendAWS(b []byte, a *segment.AWS, subsegment bool) []byte {
	b = append(b, `,"aws":{`...)
	first := true
	b = appendObjectMember(b, &first, "account_id", a.AccountID)
	if subsegment {
		b = appendAWSCall(b, &first, a)
	} else {
		b = appendAWSResource(b, &first, a)
	}
	return append(b, '}')
}

// appendAWSCall appends the members of an AWS SDK call: operation, region,
// request id, retries, queue and tables, and the call's parameters.
func appendAWSCall(b []byte, first *bool, a *segment.AWS) []byte {
	b = appendStrings(b, first, "operation", a.Operation, "region", a.Region, "request_id", a.RequestID)
	if a.Retries >= 0 {
		b = appendInt(appendKey(b, first, "retries"), a.Retries)
	}
	b = appendObjectMember(b, first, "queue_url", a.QueueURL)
	switch {
	case len(a.TableNames) > 1:
		b = appendArray(appendKey(b, first, "table_names"), a.TableNames, appendShortString)
	case len(a.TableNames) == 1:
		b = appendObjectMember(b, first, "table_name", a.TableNames[0])
	default:
		b = appendObjectMember(b, first, "table_name", a.TableName)
	}
	for _, kv := range a.Params {
		if key := segment.SanitizeAWSKey(kv.Key); key != "" {
			b = appendString(appendComma(b, first), key, segment.MaxStringLen)
			b = appendValue(append(b, ':'), kv.Value, segment.MaxStringLen)
		}
	}
	return b
}

// appendAWSResource appends what a segment says about where it runs.
func appendAWSResource(b []byte, first *bool, a *segment.AWS) []byte {
	if e := a.EC2; e != nil {
		f := true
		b = appendStrings(appendNested(b, first, "ec2"), &f, "instance_id", e.InstanceID,
			"availability_zone", e.AvailabilityZone, "instance_size", e.InstanceSize, "ami_id", e.AMIID)
		b = append(b, '}')
	}
	if e := a.ECS; e != nil {
		f := true
		b = appendStrings(appendNested(b, first, "ecs"), &f, "container", e.Container, "container_id", e.ContainerID,
			"container_arn", e.ContainerARN, "cluster_arn", e.ClusterARN, "task_arn", e.TaskARN,
			"task_family", e.TaskFamily, "launch_type", e.LaunchType, "availability_zone", e.AvailabilityZone)
		b = append(b, '}')
	}
	if e := a.EKS; e != nil {
		f := true
		b = appendStrings(appendNested(b, first, "eks"), &f, "cluster_name", e.ClusterName, "pod", e.Pod,
			"container_id", e.ContainerID)
		b = append(b, '}')
	}
	if e := a.ElasticBeanstalk; e != nil {
		f := true
		b = appendStrings(appendNested(b, first, "elastic_beanstalk"), &f, "environment_name", e.EnvironmentName,
			"version_label", e.VersionLabel)
		if e.DeploymentID > 0 {
			b = appendInt(appendKey(b, &f, "deployment_id"), e.DeploymentID)
		}
		b = append(b, '}')
	}
	if x := a.XRay; x != nil {
		f := true
		b = appendStrings(appendNested(b, first, "xray"), &f, "sdk", x.SDK, "sdk_version", x.SDKVersion)
		b = append(appendKey(b, &f, "auto_instrumentation"), "false}"...)
	}
	if len(a.LogGroups) > 0 {
		b = appendArray(appendKey(b, first, "cloudwatch_logs"), a.LogGroups, appendLogGroup)
	}
	return b
}

func appendLogGroup(b []byte, g segment.LogGroup) []byte {
	f := true
	b = appendStrings(append(b, '{'), &f, "log_group", g.Name, "arn", g.ARN)
	return append(b, '}')
}
