#!/usr/bin/env bash
# notebooks/install-kernel.sh: installs the Jupyter kernel the notebooks use, "dpspark-java": the Java kernel
# rapaio-jupyter-kernel (Maven Central, fetched with mvn into ~/.m2) running with dpspark's jar, the Spark jars the
# build resolved and the Java 17 options Spark needs, started by notebooks/kernel/src's launcher (which fixes two
# startup races of the kernel's 3.0.1 release). Builds the jar first when it is missing (mvn package).
# Usage: notebooks/install-kernel.sh [--user | --prefix DIR | --fetch-only]
#   --user (default): into ~/.local/share/jupyter/kernels; --prefix DIR: into DIR/share/jupyter/kernels (then
#   JUPYTER_PATH=DIR/share/jupyter); --fetch-only: only download the kernel jar into ~/.m2 (CI, before mvn verify).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="3.0.1"
kernels="$HOME/.local/share/jupyter/kernels"
fetch_only=false
case "${1:-}" in
  --prefix) kernels="$2/share/jupyter/kernels" ;;
  --fetch-only) fetch_only=true ;;
  --user | "") ;;
  *) echo "usage: $0 [--user | --prefix DIR | --fetch-only]" >&2; exit 2 ;;
esac
kernel_jar="$HOME/.m2/repository/io/github/padreati/rapaio-jupyter-kernel/$version/rapaio-jupyter-kernel-$version.jar"
if [ ! -f "$kernel_jar" ]; then
  (cd "$root" && mvn -B -q dependency:get -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$version" -Dtransitive=false)
fi
$fetch_only && exit 0
command -v jupyter >/dev/null 2>&1 || {
  echo "install-kernel: jupyter is not installed (Debian: apt-get install jupyter-nbconvert jupyter-client python3-ipykernel)" >&2
  exit 1
}
jar="$root/cli/target/dpspark.jar"
if [ ! -f "$jar" ] || [ ! -f "$root/cli/target/spark-classpath.txt" ] || [ ! -f "$root/cli/target/jvm-flags.txt" ]; then
  echo "install-kernel: building the jar (mvn package -DskipTests) ..." >&2
  (cd "$root" && mvn -B -q package -DskipTests) >&2
fi
dir="$kernels/dpspark-java"
mkdir -p "$dir"
# The kernel's main class and its fixed channel loop thread (notebooks/kernel/src: rapaio-jupyter-kernel 3.0.1 could
# start deaf to the client, see LoopThread.java), compiled against the kernel jar into the kernelspec's folder.
command -v javac >/dev/null 2>&1 || { echo "install-kernel: javac (a JDK 17+) is needed" >&2; exit 1; }
src="$root/notebooks/kernel/src"
rm -rf "$dir/classes"
javac --release 17 -nowarn -cp "$kernel_jar" -d "$dir/classes" "$src/org/dpspark/notebooks/KernelLauncher.java" \
  "$src/org/rapaio/jupyter/kernel/channels/LoopThread.java"
# The kernel JVM gets the JVM flags as separate argv entries; its JShell gets dpspark and Spark on the classpath.
python3 - "$dir/kernel.json" "$kernel_jar" "$root" "$dir/classes" <<'PY'
import json, sys
out, kernel_jar, root, classes = sys.argv[1:]
# Without the Vector API module, which the notebooks do not need (they do not train; the training kernel would fall
# back to scalar tanh).
flags = [f for f in open(root + "/cli/target/jvm-flags.txt").read().split() if f != "--add-modules=jdk.incubator.vector"]
# RJK_CLASSPATH separates entries with ';'
cp = ";".join([root + "/cli/target/dpspark.jar"] + open(root + "/cli/target/spark-classpath.txt").read().strip().split(":"))
spec = {
    "argv": ["java", "-Xmx2g", "-Djava.awt.headless=true"] + flags + ["-Dlog4j2.configurationFile=jar:file:" + root + "/cli/target/dpspark.jar!/log4j2.properties",
             "-cp", classes + ":" + kernel_jar, "org.dpspark.notebooks.KernelLauncher", "{connection_file}"],
    "display_name": "Java (dpspark)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": cp, "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "", "RJK_TIMEOUT_MILLIS": "-1",
            "RJK_MIMA_CACHE": root + "/notebooks/.mima_cache", "SPARK_LOCAL_IP": "127.0.0.1"},
}
json.dump(spec, open(out, "w"), indent=2)
PY
echo "install-kernel: kernel dpspark-java installed in $dir (rapaio-jupyter-kernel $version)"
