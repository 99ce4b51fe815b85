"""boto3 against the emulator server: the logging-configuration and tag operations.

Usage: python3 boto3-logging.py ENDPOINT_URL
Creates two logging configurations (CloudWatch Logs and Firehose) and a room that logs to
both, sends one event to it, and prints one JSON object: what each call returned, and what
each bad call raised. The caller then sends messages and reads the files under --logs-dir.
"""
import json
import sys

import boto3

ACCOUNT_ARN = "arn:aws:ivschat:us-west-2:123456789012"
MISSING_CONFIGURATION = f"{ACCOUNT_ARN}:logging-configuration/NoSuchConfig"

client = boto3.client(
    "ivschat",
    endpoint_url=sys.argv[1],
    region_name="us-west-2",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)
result = {}


def error_of(call, **kwargs):
    """The AWS error a call raised, as boto3 reports it."""
    try:
        call(**kwargs)
    except client.exceptions.ClientError as error:
        return {
            "code": error.response["Error"]["Code"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
            **{key: error.response[key] for key in ("reason", "resourceId", "resourceType") if key in error.response},
            "fields": [field["name"] for field in error.response.get("fieldList", [])],
        }
    return None


def summary(configuration):
    return {key: configuration[key] for key in ("arn", "id", "name", "state", "destinationConfiguration", "tags") if key in configuration}


cloudwatch = client.create_logging_configuration(
    name="boto3-cloudwatch",
    destinationConfiguration={"cloudWatchLogs": {"logGroupName": "/aws/ivschat/boto3"}},
    tags={"lang": "python"},
)
firehose = client.create_logging_configuration(destinationConfiguration={"firehose": {"deliveryStreamName": "boto3-stream"}})
s3 = client.create_logging_configuration(destinationConfiguration={"s3": {"bucketName": "boto3-bucket"}})
result["created"] = [summary(cloudwatch), summary(firehose), summary(s3)]
result["createTimeType"] = type(cloudwatch["createTime"]).__name__

result["got"] = summary(client.get_logging_configuration(identifier=cloudwatch["arn"]))
first = client.list_logging_configurations(maxResults=2)
second = client.list_logging_configurations(maxResults=2, nextToken=first["nextToken"])
result["listed"] = [item["arn"] for item in first["loggingConfigurations"] + second["loggingConfigurations"]]
result["lastPageHasToken"] = "nextToken" in second
result["updated"] = summary(client.update_logging_configuration(identifier=firehose["arn"], name="boto3-firehose"))

room = client.create_room(name="logged-by-boto3", loggingConfigurationIdentifiers=[cloudwatch["arn"], firehose["arn"]])
result["room"] = {key: room[key] for key in ("arn", "loggingConfigurationIdentifiers")}

client.tag_resource(resourceArn=room["arn"], tags={"env": "dev", "team": "chat"})
client.untag_resource(resourceArn=room["arn"], tagKeys=["team"])
client.tag_resource(resourceArn=cloudwatch["arn"], tags={"env": "dev"})
result["roomTags"] = client.list_tags_for_resource(resourceArn=room["arn"])["tags"]
result["configurationTags"] = client.list_tags_for_resource(resourceArn=cloudwatch["arn"])["tags"]

result["event"] = client.send_event(roomIdentifier=room["arn"], eventName="app:boto3", attributes={"from": "python"})["id"]

result["errors"] = {
    "reservedTag": error_of(client.tag_resource, resourceArn=room["arn"], tags={"aws:owner": "me"}),
    "tooManyTags": error_of(client.tag_resource, resourceArn=room["arn"], tags={f"k{i}": "v" for i in range(50)}),
    "badBucket": error_of(client.create_logging_configuration, destinationConfiguration={"s3": {"bucketName": "No_Such"}}),
    "inUse": error_of(client.delete_logging_configuration, identifier=cloudwatch["arn"]),
    "missing": error_of(client.get_logging_configuration, identifier=MISSING_CONFIGURATION),
    "roomWithMissing": error_of(client.create_room, loggingConfigurationIdentifiers=[MISSING_CONFIGURATION]),
    "untagMissing": error_of(client.untag_resource, resourceArn=f"{ACCOUNT_ARN}:room/NoSuchRoom12", tagKeys=["k"]),
}

deleted = client.delete_logging_configuration(identifier=s3["arn"])
result["deletedStatus"] = deleted["ResponseMetadata"]["HTTPStatusCode"]
result["afterDelete"] = [item["arn"] for item in client.list_logging_configurations()["loggingConfigurations"]]

print(json.dumps(result))
