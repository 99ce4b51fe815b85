"""boto3 against the server's strict modes.

Usage: python3 strict.py ENDPOINT_URL signatures   (the server knows AKIDPYTHON:python-secret)
       python3 strict.py ENDPOINT_URL quotas       (CreateRoom is held to 1 call a second)
Prints one JSON object: what each call returned or raised.
"""
import json
import sys

import boto3
from botocore.config import Config

URL, MODE = sys.argv[1], sys.argv[2]


def client(key, secret, region="us-west-2"):
    return boto3.client(
        "ivschat",
        endpoint_url=URL,
        region_name=region,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        config=Config(retries={"total_max_attempts": 1}),
    )


def outcome(call):
    try:
        answer = call()
        return {"ok": True, "arn": answer.get("arn")}
    except client("x", "y").exceptions.ClientError as error:
        return {
            "ok": False,
            "code": error.response["Error"]["Code"],
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
            "message": error.response["Error"]["Message"],
            "limit": error.response.get("limit"),
        }


result = {}
if MODE == "signatures":
    result["right"] = outcome(lambda: client("AKIDPYTHON", "python-secret", "eu-west-1").create_room(name="signed-by-boto3"))
    result["wrongSecret"] = outcome(lambda: client("AKIDPYTHON", "not-the-secret").create_room(name="x"))
    result["unknownKey"] = outcome(lambda: client("AKIDUNKNOWN", "python-secret").create_room(name="x"))
else:
    rooms = client("test", "test")
    result["first"] = outcome(lambda: rooms.create_room(name="quota-1"))
    result["second"] = outcome(lambda: rooms.create_room(name="quota-2"))

print(json.dumps(result))
