#!/usr/bin/env python3
"""Deploys template.yaml "by translation": runs the SAM translator (the library `sam deploy` and
CloudFormation's AWS::Serverless transform run) once per environment of samconfig.toml that has
deploy parameters, with that environment's stack name, region and parameter overrides.

    translate.py TEMPLATE SAMCONFIG ACCOUNT_ID

Prints one JSON object: {env: {"stack_name", "region", "account_id", "parameters", "template"}},
"template" being the CloudFormation document the transform produced. Exits 1, naming the
environment and the translator's messages, when an environment does not translate.
"""
import json
import os
import shlex
import sys
import tomllib


def parameters(template, overrides):
    """The template's parameter defaults, overridden by samconfig's parameter_overrides."""
    values = {name: str(p["Default"]) for name, p in template.get("Parameters", {}).items() if "Default" in p}
    for pair in shlex.split(overrides or ""):
        name, _, value = pair.partition("=")
        values[name] = value
    return values


def local_code_to_s3(template):
    """The translator takes only S3 code locations; `sam deploy` uploads the local jars there first."""
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") == "AWS::Serverless::Function":
            code = resource.get("Properties", {}).get("CodeUri")
            if isinstance(code, str) and not code.startswith("s3://"):
                resource["Properties"]["CodeUri"] = "s3://deployment-bucket/" + code


class NoManagedPolicies:
    """Policies here are SAM policy templates, inline statements or ARNs: no managed policy is looked up by name."""

    def load(self):
        return {}


def main(template_path, samconfig_path, account_id):
    with open(samconfig_path, "rb") as file:
        config = tomllib.load(file)
    environments = {env: commands["deploy"]["parameters"] for env, commands in config.items()
                    if isinstance(commands, dict) and "parameters" in commands.get("deploy", {})}
    results, failures = {}, []
    for env, deploy in environments.items():
        os.environ["AWS_DEFAULT_REGION"] = deploy["region"]
        # Imported once the region is set: the translator takes the partition from it.
        from samtranslator.public.exceptions import InvalidDocumentException
        from samtranslator.translator.transform import transform
        from samtranslator.yaml_helper import yaml_parse
        with open(template_path, encoding="utf-8") as file:
            template = yaml_parse(file.read())
        values = parameters(template, deploy.get("parameter_overrides"))
        local_code_to_s3(template)
        pseudo = {"AWS::StackName": deploy["stack_name"], "AWS::Region": deploy["region"],
                  "AWS::AccountId": account_id, "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"}
        try:
            translated = transform(template, {**values, **pseudo}, NoManagedPolicies())
        except InvalidDocumentException as e:
            failures.append(env + ": " + "; ".join(cause.message for cause in e.causes))
            continue
        results[env] = {"stack_name": deploy["stack_name"], "region": deploy["region"], "account_id": account_id,
                        "parameters": values, "template": translated}
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
