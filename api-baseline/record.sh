#!/usr/bin/env bash
# Records the current public API of auth-spi and auth-tck as the baseline the build checks against (japicmp).
# Run after a deliberate, released break (e.g. a new major or pre-1.0 minor version):
#   api-baseline/record.sh 0.2.0
# It builds both jars, stores them here as <artifactId>-VERSION.jar, removes the older baseline jars and sets
# <apiauth.api.baseline> in the root pom.xml. Commit the result with the release.
set -euo pipefail
version="${1:?usage: api-baseline/record.sh VERSION (the release whose API becomes the baseline)}"
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -pl auth-spi,auth-tck -am package -DskipTests -Djapicmp.skip=true
for module in auth-spi auth-tck; do
  jar="$(ls "$module"/target/"$module"-*.jar | grep -v -e '-sources.jar$' -e '-javadoc.jar$' -e '-tests.jar$' -e 'runner')"
  rm -f api-baseline/"$module"-*.jar
  cp "$jar" api-baseline/"$module-$version".jar
done
sed -i.bak -E "s#<apiauth.api.baseline>[^<]*</apiauth.api.baseline>#<apiauth.api.baseline>$version</apiauth.api.baseline>#" pom.xml
rm -f pom.xml.bak
echo "baseline is now $version:"; ls -l api-baseline/*.jar
