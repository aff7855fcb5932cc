import type { JSX } from 'solid-js';

/** A chart with its title and one-line note; `wide` spans the grid, `tall` for rows of labels. */
export function Figure(props: {
  title: string;
  note: JSX.Element;
  wide?: boolean;
  /** Rows of labels (the tornado) need more height than a time series. */
  tall?: boolean;
  children: JSX.Element;
}): JSX.Element {
  return (
    <figure class="chart" classList={{ 'chart-wide': props.wide, 'chart-tall': props.tall }}>
      <figcaption>
        <h3>{props.title}</h3>
        <p>{props.note}</p>
      </figcaption>
      {props.children}
    </figure>
  );
}
