export {
  addressFingerprint,
  BASIC_LABEL_RULES,
  checkAddress,
  countryName,
  type AddressCheck,
  type AddressField,
  type AddressInput,
  type AddressProblem,
  type AddressProblemCode,
  type LabelRules,
} from "./check";
export { NO_POSTAL_CODE, POSTAL_FORMATS, PROVINCE_REQUIRED } from "./countries";
export { isPoBox } from "./po-box";
