// Validates rendered Kubernetes manifests against the JSON schemas of their kinds, as kubernetes-models ships them:
// the Kubernetes API's own OpenAPI schemas (kubernetes-models), KEDA's and the Prometheus Operator's CRD schemas
// (@kubernetes-models/keda, @kubernetes-models/prometheus-operator). Usage: node validate.js FILE...
// Prints one JSON line per manifest: {file, apiVersion, kind, name, status: "valid"|"invalid"|"no-schema", errors}.
// A kind none of the packages models (Strimzi's KafkaTopic) is reported as "no-schema" for the caller to judge.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// apiVersion group -> the package folder that models it; the core group has no name.
const packages = {
  "": "kubernetes-models",
  apps: "kubernetes-models/apps",
  policy: "kubernetes-models/policy",
  autoscaling: "kubernetes-models/autoscaling",
  "keda.sh": "@kubernetes-models/keda/keda.sh",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
};

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const folder = packages[group];
  if (folder === undefined) return undefined;
  try {
    const module = await import(`${folder}/${version}/${kind}`);
    return module[kind];
  } catch (error) {
    if (error.code === "ERR_PACKAGE_PATH_NOT_EXPORTED" || error.code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.log(JSON.stringify({ file, status: "invalid", errors: document.errors.map((e) => e.message) }));
      continue;
    }
    const manifest = document.toJS();
    if (manifest === null || manifest === undefined) continue;
    const { apiVersion, kind } = manifest;
    const name = manifest.metadata?.name;
    const Model = await modelFor(String(apiVersion), String(kind));
    if (Model === undefined) {
      console.log(JSON.stringify({ file, apiVersion, kind, name, status: "no-schema", errors: [] }));
      continue;
    }
    try {
      new Model(manifest).validate();
      console.log(JSON.stringify({ file, apiVersion, kind, name, status: "valid", errors: [] }));
    } catch (error) {
      console.log(JSON.stringify({ file, apiVersion, kind, name, status: "invalid", errors: [error.message] }));
    }
  }
}
