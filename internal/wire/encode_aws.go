package wire

import (
	"strconv"

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
	b = appendObjectMember(b, first, "operation", a.Operation)
	b = appendObjectMember(b, first, "region", a.Region)
	b = appendObjectMember(b, first, "request_id", a.RequestID)
	if a.Retries >= 0 {
		if !*first {
			b = append(b, ',')
		}
		*first = false
		b = append(b, `"retries":`...)
		b = strconv.AppendInt(b, a.Retries, 10)
	}
	b = appendObjectMember(b, first, "queue_url", a.QueueURL)
	switch {
	case len(a.TableNames) > 1:
		if !*first {
			b = append(b, ',')
		}
		*first = false
		b = append(b, `"table_names":[`...)
		for i, t := range a.TableNames {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, t, segment.MaxStringLen)
		}
		b = append(b, ']')
	case len(a.TableNames) == 1:
		b = appendObjectMember(b, first, "table_name", a.TableNames[0])
	default:
		b = appendObjectMember(b, first, "table_name", a.TableName)
	}
	for _, kv := range a.Params {
		key := segment.SanitizeAWSKey(kv.Key)
		if key == "" {
			continue
		}
		if !*first {
			b = append(b, ',')
		}
		*first = false
		b = appendString(b, key, segment.MaxStringLen)
		b = append(b, ':')
		b = appendValue(b, kv.Value, segment.MaxStringLen)
	}
	return b
}

// appendAWSResource appends what a segment says about where it runs.
func appendAWSResource(b []byte, first *bool, a *segment.AWS) []byte {
	if e := a.EC2; e != nil {
		b = appendNested(b, first, "ec2")
		f := true
		b = appendObjectMember(b, &f, "instance_id", e.InstanceID)
		b = appendObjectMember(b, &f, "availability_zone", e.AvailabilityZone)
		b = appendObjectMember(b, &f, "instance_size", e.InstanceSize)
		b = appendObjectMember(b, &f, "ami_id", e.AMIID)
		b = append(b, '}')
	}
	if e := a.ECS; e != nil {
		b = appendNested(b, first, "ecs")
		f := true
		b = appendObjectMember(b, &f, "container", e.Container)
		b = appendObjectMember(b, &f, "container_id", e.ContainerID)
		b = appendObjectMember(b, &f, "container_arn", e.ContainerARN)
		b = appendObjectMember(b, &f, "cluster_arn", e.ClusterARN)
		b = appendObjectMember(b, &f, "task_arn", e.TaskARN)
		b = appendObjectMember(b, &f, "task_family", e.TaskFamily)
		b = appendObjectMember(b, &f, "launch_type", e.LaunchType)
		b = appendObjectMember(b, &f, "availability_zone", e.AvailabilityZone)
		b = append(b, '}')
	}
	if e := a.EKS; e != nil {
		b = appendNested(b, first, "eks")
		f := true
		b = appendObjectMember(b, &f, "cluster_name", e.ClusterName)
		b = appendObjectMember(b, &f, "pod", e.Pod)
		b = appendObjectMember(b, &f, "container_id", e.ContainerID)
		b = append(b, '}')
	}
	if e := a.ElasticBeanstalk; e != nil {
		b = appendNested(b, first, "elastic_beanstalk")
		f := true
		b = appendObjectMember(b, &f, "environment_name", e.EnvironmentName)
		b = appendObjectMember(b, &f, "version_label", e.VersionLabel)
		if e.DeploymentID > 0 {
			if !f {
				b = append(b, ',')
			}
			b = append(b, `"deployment_id":`...)
			b = strconv.AppendInt(b, e.DeploymentID, 10)
		}
		b = append(b, '}')
	}
	if x := a.XRay; x != nil {
		b = appendNested(b, first, "xray")
		f := true
		b = appendObjectMember(b, &f, "sdk", x.SDK)
		b = appendObjectMember(b, &f, "sdk_version", x.SDKVersion)
		if !f {
			b = append(b, ',')
		}
		b = append(b, `"auto_instrumentation":false}`...)
	}
	if len(a.LogGroups) > 0 {
		if !*first {
			b = append(b, ',')
		}
		*first = false
		b = append(b, `"cloudwatch_logs":[`...)
		for i, g := range a.LogGroups {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '{')
			f := true
			b = appendObjectMember(b, &f, "log_group", g.Name)
			b = appendObjectMember(b, &f, "arn", g.ARN)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return b
}

// appendNested opens "key":{ as the next member of an object.
func appendNested(b []byte, first *bool, key string) []byte {
	if !*first {
		b = append(b, ',')
	}
	*first = false
	b = append(b, '"')
	b = append(b, key...)
	return append(b, `":{`...)
}
