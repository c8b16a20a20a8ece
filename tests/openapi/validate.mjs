// docs/openapi.yaml through a real OpenAPI validator from npm
// (@apidevtools/swagger-parser: the OpenAPI 3.1 schema, every $ref
// resolved). Run by CTest as openapi.validate.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const source = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(path.join(source, "web", "package.json"));
const SwaggerParser = require("@apidevtools/swagger-parser");

const document = path.join(source, "docs", "openapi.yaml");
try {
  const api = await SwaggerParser.validate(document);
  console.log(`${document}: valid OpenAPI ${api.openapi} (${Object.keys(api.paths).length} paths)`);
} catch (error) {
  console.error(`${document}: ${error.message}`);
  process.exit(1);
}
