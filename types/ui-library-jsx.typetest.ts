/**
 * Type-level test, checked by `npm run typecheck`: the UI Library's components must return a real
 * JSX element type. If the global JSX declaration breaks, these return types collapse to `any` and
 * the assignments below stop compiling.
 */
import type { CallComposite, CameraButton } from '@azure/communication-react';
import type { JSX } from 'react';

type IsAny<T> = 0 extends 1 & T ? true : false;
type Expect<T extends true> = T;

export type CameraButtonIsNotAny = Expect<IsAny<ReturnType<typeof CameraButton>> extends false ? true : false>;
export type CallCompositeIsNotAny = Expect<IsAny<ReturnType<typeof CallComposite>> extends false ? true : false>;
export type CameraButtonReturnsJsx = Expect<ReturnType<typeof CameraButton> extends JSX.Element ? true : false>;
