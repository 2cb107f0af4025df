{{/* Names and labels shared by every template. */}}
{{- define "streams.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "streams.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: streams
{{- end -}}

{{/* Selector labels of one role; call with (dict "root" $ "role" "ingest"). */}}
{{- define "streams.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{/*
The roles, in pipeline order: the --roles name and its key under .Values.roles. The consumers carry the group and
the topics whose lag KEDA scales them on.
*/}}
{{- define "streams.roles" -}}
- {name: ingest, key: ingest}
- {name: normaliser, key: normaliser, group: Normaliser, topics: [ingested]}
- {name: egress, key: egress, group: Egress, topics: [normalised]}
- {name: retrier, key: retrier, group: Retrier, topics: [retry]}
- {name: auditor, key: auditor}
- {name: schema-registry, key: schemaRegistry}
- {name: ui, key: ui}
- {name: receipts, key: receipts}
{{- end -}}

{{- define "streams.bootstrapServers" -}}
{{- if .Values.kafka.bootstrapServers -}}
{{- .Values.kafka.bootstrapServers -}}
{{- else -}}
{{- printf "%s-kafka-bootstrap:%v" .Values.kafka.strimzi.clusterName .Values.kafka.strimzi.port -}}
{{- end -}}
{{- end -}}

{{- define "streams.secretName" -}}
{{- default (printf "%s-secrets" (include "streams.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* A topic's shape: the defaults under kafka.topics with its override; call with (dict "root" $ "key" "dlq"). */}}
{{- define "streams.topicShape" -}}
{{- $topics := .root.Values.kafka.topics -}}
{{- $override := get (default dict $topics.overrides) .key | default dict -}}
{{- $retention := default $topics.retentionMs $override.retentionMs -}}
{{- if eq .key "receipts" -}}
{{- /* One setting for how long receipts are kept: the one the services document, Streams:Receipts:RetentionMs. */ -}}
{{- $retention = .root.Values.config.Receipts.RetentionMs -}}
{{- end -}}
{{- dict "partitions" (default $topics.partitions $override.partitions) "retentionMs" $retention "cleanupPolicy" (default "delete" $override.cleanupPolicy) | toJson -}}
{{- end -}}

{{/*
Every topic as {key, name}: the pipeline's under the configured prefix, one per retry tier, and the registry's.
*/}}
{{- define "streams.topics" -}}
{{- $prefix := .Values.config.Kafka.Topics.Prefix -}}
{{- $list := list -}}
{{- range $key, $suffix := dict "ingested" "ingested" "normalised" "normalised" "dlq" "dlq" "dlqRedriven" "dlq.redriven" "audit" "audit" "receipts" "receipts" -}}
{{- $list = append $list (dict "key" $key "name" (printf "%s%s" $prefix $suffix)) -}}
{{- end -}}
{{- range .Values.config.Retrier.Tiers -}}
{{- $list = append $list (dict "key" "retry" "name" (printf "%sretry.%s" $prefix .)) -}}
{{- end -}}
{{- $list = append $list (dict "key" "schemas" "name" (default "_schemas" (dig "SchemaRegistry" "Topic" "" $.Values.config))) -}}
{{- toJson $list -}}
{{- end -}}

{{/* The Streams section as the pods read it, with the secret fields taken out (they are in the Secret). */}}
{{- define "streams.appsettings" -}}
{{- $config := deepCopy .Values.config -}}
{{- $keys := list -}}
{{- range (default list $config.Ingest.ApiKeys) -}}
{{- $keys = append $keys (omit . "Sha256") -}}
{{- end -}}
{{- if include "streams.generatesApiKey" . -}}
{{- $keys = list (dict "Name" "default" "Sources" (list "*")) -}}
{{- end -}}
{{- $_ := set $config.Ingest "ApiKeys" $keys -}}
{{- $subscriptions := list -}}
{{- range (default list $config.Egress.Subscriptions) -}}
{{- $subscriptions = append $subscriptions (omit . "Secret") -}}
{{- end -}}
{{- $_ := set $config.Egress "Subscriptions" $subscriptions -}}
{{- if $config.Ui -}}
{{- $operators := list -}}
{{- range (default list $config.Ui.OperatorKeys) -}}
{{- $operators = append $operators (omit . "Sha256") -}}
{{- end -}}
{{- $_ := set $config.Ui "OperatorKeys" $operators -}}
{{- if not $config.Ui.AuditorUrl -}}
{{- /* The ui pod runs no auditor: it reads the loss table from the auditor's Service. */ -}}
{{- $_ := set $config.Ui "AuditorUrl" (printf "http://%s-auditor:%v" (include "streams.fullname" .) .Values.port) -}}
{{- end -}}
{{- if not $config.Ui.ReceiptsUrl -}}
{{- /* Nor the receipt index: the page's event search goes through the ui pod to the receipts Service. */ -}}
{{- $_ := set $config.Ui "ReceiptsUrl" (printf "http://%s-receipts:%v" (include "streams.fullname" .) .Values.port) -}}
{{- end -}}
{{- end -}}
{{- $_ := set $config.Kafka "BootstrapServers" (include "streams.bootstrapServers" .) -}}
{{- $_ := set $config.Kafka.Topics "Partitions" .Values.kafka.topics.partitions -}}
{{- $_ := set $config.Kafka.Topics "ReplicationFactor" .Values.kafka.topics.replicas -}}
{{- $_ := set $config.Kafka.Topics "MinInSyncReplicas" .Values.kafka.topics.minInsyncReplicas -}}
{{- $_ := set $config.Ingest "Url" (printf "http://0.0.0.0:%v" .Values.port) -}}
{{- $_ := set $config "Host" (dict "Url" (printf "http://0.0.0.0:%v" .Values.port)) -}}
{{- $registry := dict "Url" (printf "http://%s-schema-registry:%v" (include "streams.fullname" .) .Values.port) -}}
{{- $_ := set $config "SchemaRegistry" (merge (default dict $config.SchemaRegistry) $registry) -}}
{{- if .Values.normaliserSchemas -}}
{{- $_ := set $config.Normaliser.Schemas "Folder" "/etc/streams/schemas" -}}
{{- end -}}
{{- dict "Streams" $config | toPrettyJson -}}
{{- end -}}

{{/* True when no sender key is configured: the chart then makes one, so ingest starts (it needs at least one). */}}
{{- define "streams.generatesApiKey" -}}
{{- if and .Values.secrets.generateApiKey (not .Values.config.Ingest.ApiKeys) (not .Values.secrets.existingSecret) -}}true{{- end -}}
{{- end -}}
