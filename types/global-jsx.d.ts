/**
 * @types/react 19 removed the global `JSX` namespace; @azure/communication-react 1.34's declarations
 * still write `JSX.Element`. Without this, `skipLibCheck` silently turns every UI Library component's
 * return type into `any`. Re-exposing React's own JSX namespace makes those types real again.
 * (types/ui-library-jsx.typetest.ts fails the type check if this stops working.)
 */
/* eslint-disable @typescript-eslint/no-empty-object-type -- interfaces (not type aliases) so they merge like React 18's did */
import type { JSX as ReactJSX } from 'react';

declare global {
  namespace JSX {
    type ElementType = ReactJSX.ElementType;
    interface Element extends ReactJSX.Element {}
    interface ElementClass extends ReactJSX.ElementClass {}
    interface ElementAttributesProperty extends ReactJSX.ElementAttributesProperty {}
    interface ElementChildrenAttribute extends ReactJSX.ElementChildrenAttribute {}
    type LibraryManagedAttributes<C, P> = ReactJSX.LibraryManagedAttributes<C, P>;
    interface IntrinsicAttributes extends ReactJSX.IntrinsicAttributes {}
    interface IntrinsicClassAttributes<T> extends ReactJSX.IntrinsicClassAttributes<T> {}
    interface IntrinsicElements extends ReactJSX.IntrinsicElements {}
  }
}
