import { describeVisibilityMatrix } from '../helpers/visibility-matrix';

describeVisibilityMatrix('private claims, by every path');
